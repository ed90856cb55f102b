import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { seedVocabularies, vocabularyNames } from '@vigil/shared/vocabularies';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { theme } from '../../../../app/theme.ts';
import { AbilityProvider, abilityFromPackedRules } from '../../../../lib/ability.ts';
import { SessionUserContext } from '../../../../lib/session.ts';

// What the incident form's component tests share: a signed-in researcher, the providers of
// the signed-in layout, and `fetch` answered by the test (no server, no database).

// happy-dom has no font loading, which Mantine's autosizing textarea listens to
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

// Debounces (search, likely duplicates) and Mantine's rendering take their time on a busy
// machine; a finding query waits for them rather than failing early.
configure({ asyncUtilTimeout: 10_000 });

export const researcher: SessionUser = {
  id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
  email: 'researcher@example.test',
  name: 'Test Researcher',
  role: 'RESEARCHER',
  countries: ['KH', 'TH'],
};

export const vocabularies = Object.fromEntries(
  vocabularyNames.map((name) => [
    name,
    seedVocabularies[name].map((term) => ({ ...term, retired: false })),
  ]),
) as VocabulariesOutput;

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status: number; body?: unknown } | 'network down';
type Handler = (call: Call) => Answer | undefined;

// Answers the app's requests with `handler` (vocabularies are always there); records them.
export function stubApi(handler: Handler = () => undefined) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const call: Call = {
      method: init.method ?? 'GET',
      path: `${url.pathname.replace(/^\/api/, '')}${url.search}`,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const answer: Answer =
      handler(call) ??
      (call.path === '/vocabularies'
        ? { status: 200, body: vocabularies }
        : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found' } } });
    if (answer === 'network down') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

export function renderWithApp(element: ReactNode, path = '/incidents/new') {
  const ability = abilityFromPackedRules(packedRulesFor(researcher));
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      { path: '/incidents/new', element },
      { path: '/incidents/:id/edit', element },
      { path: '/incidents/:id', element: <p>The incident's page</p> },
    ],
    { initialEntries: [path] },
  );
  return render(
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
}
