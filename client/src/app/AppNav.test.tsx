// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { Role } from '@vigil/shared/enums';
import { AbilityProvider, abilityFromPackedRules } from '../lib/ability.ts';
import { AppNav } from './AppNav.tsx';

Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', true);

let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

async function renderNav(role: Role, path = '/') {
  const ability = abilityFromPackedRules(
    packedRulesFor({ id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f', role, countries: ['KH'] }),
  );
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: (
          <AbilityProvider value={ability}>
            <AppNav />
          </AbilityProvider>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  const container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(async () => root!.render(<RouterProvider router={router} />));
  const nav = container.querySelector('nav[aria-label="Sections"]');
  if (!nav) throw new Error('no navigation rendered');
  return nav;
}

const linkTexts = (nav: Element) => [...nav.querySelectorAll('a')].map((a) => a.textContent);

describe('AppNav', () => {
  it('when an admin is signed in, then every section is listed', async () => {
    expect(linkTexts(await renderNav('ADMIN'))).toEqual([
      'Home',
      'Defenders',
      'Incidents',
      'Advocacy',
      'Statistics',
      'Audit',
      'Users',
      'Vocabularies',
    ]);
  });

  it('when a manager is signed in, then Audit is listed but Users and Vocabularies are not', async () => {
    expect(linkTexts(await renderNav('MANAGER'))).toEqual([
      'Home',
      'Defenders',
      'Incidents',
      'Advocacy',
      'Statistics',
      'Audit',
    ]);
  });

  it('when a researcher is signed in, then neither Audit nor the admin sections are listed', async () => {
    expect(linkTexts(await renderNav('RESEARCHER'))).toEqual([
      'Home',
      'Defenders',
      'Incidents',
      'Advocacy',
      'Statistics',
    ]);
  });

  it('when a section is open, then its link is marked as the current page', async () => {
    const nav = await renderNav('ADVOCACY', '/incidents');
    const current = [...nav.querySelectorAll('a[aria-current="page"]')].map((a) => a.textContent);
    expect(current).toEqual(['Incidents']);
  });
});
