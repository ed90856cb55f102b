// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import { seedVocabularies, vocabularyNames } from '@vigil/shared/vocabularies';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../../../app/theme.ts';
import { AbilityProvider, abilityFromPackedRules } from '../../../../lib/ability.ts';
import { SessionUserContext } from '../../../../lib/session.ts';
import { EditDefenderPage, NewDefenderPage } from './DefenderFormPage.tsx';

// The defender form over a stand-in `fetch` (no server): the duplicate warning holds a new
// defender back until the user says none of the listed ones is the same person, and a 409 on
// save shows both versions and saves the user's choices over the new version.

// happy-dom has no font loading, which Mantine's autosizing textarea listens to
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}
// debounces and Mantine's rendering take their time on a busy machine
configure({ asyncUtilTimeout: 10_000 });

const researcher: SessionUser = {
  id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
  email: 'researcher@example.test',
  name: 'Test Researcher',
  role: 'RESEARCHER',
  countries: ['KH'],
};

const vocabularies = Object.fromEntries(
  vocabularyNames.map((name) => [
    name,
    seedVocabularies[name].map((term) => ({ ...term, retired: false })),
  ]),
);

const recorded: DefenderOutput = {
  id: '0e935db3-a89d-4548-a966-d46dd4aad68e',
  displayName: 'Sok Chenda',
  aliases: ['សុខ ចិន្តា'],
  pseudonym: null,
  gender: 'FEMALE',
  genderSelfDescription: null,
  birthYear: 1984,
  country: 'KH',
  sectors: [],
  organisation: 'Koh Kong Land Network',
  consent: 'CONFIDENTIAL',
  shareWithAuthorities: 'UNKNOWN',
  riskLevel: 'HIGH',
  notes: null,
  version: 1,
  createdAt: '2024-01-10T08:00:00.000Z',
  updatedAt: '2024-01-10T08:00:00.000Z',
  createdById: researcher.id,
};

interface Call {
  method: string;
  path: string;
  body: unknown;
}
type Answer = { status: number; body?: unknown };

// Answers the app's requests with `handler` (vocabularies are always there); records them.
function stubApi(handler: (call: Call) => Answer | undefined) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const call: Call = {
      method: init.method ?? 'GET',
      path: `${url.pathname.replace(/^\/api/, '')}${url.search}`,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const answer =
      handler(call) ??
      (call.path === '/vocabularies'
        ? { status: 200, body: vocabularies }
        : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found' } } });
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

function renderAt(path: string) {
  const ability = abilityFromPackedRules(packedRulesFor(researcher));
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      { path: '/defenders/new', element: <NewDefenderPage /> },
      { path: '/defenders/:id/edit', element: <EditDefenderPage /> },
      { path: '/defenders/:id', element: <p>The defender’s page</p> },
    ],
    { initialEntries: [path] },
  );
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <AbilityProvider value={ability}>
          <SessionUserContext value={researcher}>
            <RouterProvider router={router} />
          </SessionUserContext>
        </AbilityProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('defender form', { timeout: 60_000 }, () => {
  it('when the name is close to a recorded defender, then that defender is listed, and nothing is added until the user says none is the same person', async () => {
    const calls = stubApi((call) => {
      if (call.path.startsWith('/defenders/similar?')) {
        return { status: 200, body: { items: [{ ...recorded, similarity: 0.91 }] } };
      }
      if (call.method === 'POST' && call.path === '/defenders') {
        return {
          status: 201,
          body: {
            ...recorded,
            id: '9b2e4c6a-1d3f-4e5a-8b7c-0d1e2f3a4b5c',
            displayName: 'Sok Chendaa',
          },
        };
      }
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/defenders/new');

    await user.type(await screen.findByRole('textbox', { name: 'Display name' }), 'Sok Chendaa');
    const title = await screen.findByText('1 defender with a similar name is already recorded');
    const warning = title.closest('[role="status"]')!;
    expect(warning.textContent).toContain('សុខ ចិន្តា');
    expect(warning.textContent).toContain('Koh Kong Land Network');
    expect(warning.textContent).toContain('91% alike');

    await user.click(screen.getByRole('button', { name: 'Add defender' }));
    const asked = await screen.findByRole('alert');
    expect(asked.textContent).toContain('Open each one to check whether it is the same person');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    const authorities = screen.getByRole('radiogroup', {
      name: 'May be named to the authorities in a confidential UN communication',
    });
    await user.click(within(authorities).getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'None of these: add a new defender' }));
    await screen.findByText('The defender’s page');
    expect(router.state.location.pathname).toBe('/defenders/9b2e4c6a-1d3f-4e5a-8b7c-0d1e2f3a4b5c');
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({
      displayName: 'Sok Chendaa',
      country: 'KH',
      consent: 'CONFIDENTIAL',
      shareWithAuthorities: 'YES',
      aliases: [],
    });
  });

  it('when someone else saved first, then both versions are shown field by field, and saving again sends the choices over the new version', async () => {
    const theirs = { ...recorded, version: 2, organisation: 'Koh Kong Youth', birthYear: 1985 };
    let patches = 0;
    const calls = stubApi((call) => {
      if (call.method === 'GET' && call.path === `/defenders/${recorded.id}`) {
        return { status: 200, body: recorded };
      }
      if (call.method === 'PATCH') {
        patches += 1;
        return patches === 1
          ? {
              status: 409,
              body: {
                error: {
                  code: 'CONFLICT',
                  message: 'Someone else saved this record first',
                  details: { current: theirs },
                },
              },
            }
          : { status: 200, body: { ...theirs, version: 3 } };
      }
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    renderAt(`/defenders/${recorded.id}/edit`);

    const organisation = await screen.findByRole('textbox', { name: 'Organisation' });
    await user.clear(organisation);
    await user.type(organisation, 'Koh Kong Fishers');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const review = await screen.findByRole('alert');
    await waitFor(() =>
      expect(review.textContent).toContain(
        'Someone else saved this defender while you were editing',
      ),
    );
    // both changed the organisation: theirs and mine side by side, mine kept unless chosen
    expect(review.textContent).toContain('Koh Kong Youth');
    expect(review.textContent).toContain('Koh Kong Fishers');
    // only they changed the year of birth: theirs is taken
    expect(review.textContent).toContain('1985');
    expect(calls.filter((call) => call.method === 'PATCH')[0]!.body).toEqual({
      version: 1,
      organisation: 'Koh Kong Fishers',
    });

    await user.click(screen.getByRole('button', { name: 'Apply these choices' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByRole('textbox', { name: 'Year of birth' })).toHaveProperty('value', '1985');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('The defender’s page');
    expect(calls.filter((call) => call.method === 'PATCH')[1]!.body).toEqual({
      version: 2,
      organisation: 'Koh Kong Fishers',
    });
  });
});
