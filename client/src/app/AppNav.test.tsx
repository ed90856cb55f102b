// @vitest-environment happy-dom
import { act } from 'react';
import { MantineProvider } from '@mantine/core';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import { roles, type Role } from '@vigil/shared/enums';
import { linksByRole } from '../../../tests/support/navigation.ts';
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
          <MantineProvider>
            <AbilityProvider value={ability}>
              <AppNav />
            </AbilityProvider>
          </MantineProvider>
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
  for (const role of roles) {
    it(`when a ${role} is signed in, then exactly the sections of their role are listed`, async () => {
      expect(linkTexts(await renderNav(role))).toEqual(linksByRole[role]);
    });
  }

  it('when a section is open, then its link is marked as the current page', async () => {
    const nav = await renderNav('ADVOCACY', '/incidents');
    const current = [...nav.querySelectorAll('a[aria-current="page"]')].map((a) => a.textContent);
    expect(current).toEqual(['Incidents']);
  });
});
