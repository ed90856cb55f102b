// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../../app/theme.ts';
import { CreateUserModal } from './CreateUserModal.tsx';

// Mantine's transitions take their time on a busy machine
configure({ asyncUtilTimeout: 10_000 });

interface Sent {
  path: string;
  body: Record<string, unknown>;
}

// POST /api/users answered as the server would, for a body the schema accepts.
function stubCreate(answer: { status: number; body: unknown }) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    sent.push({ path: input, body: JSON.parse(String(init.body)) as Record<string, unknown> });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return sent;
}

const created = {
  id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
  email: 'dara@example.test',
  name: 'Dara',
  role: 'RESEARCHER',
  countries: [],
  active: true,
  version: 1,
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
};

function Harness() {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpened(true)}>
        Open
      </button>
      <CreateUserModal opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

function renderHarness() {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <Harness />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CreateUserModal', { timeout: 60_000 }, () => {
  it('when an account is created, then the password sent is the one shown, once: closing the dialog forgets it', async () => {
    const sent = stubCreate({ status: 201, body: created });
    renderHarness();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await user.type(await screen.findByRole('textbox', { name: /Email/ }), 'dara@example.test');
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Dara');
    expect(screen.queryByTestId('one-time-password')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create the account' }));

    const shown = await screen.findByTestId('one-time-password');
    const password = shown.textContent ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(sent).toEqual([
      {
        path: '/api/users',
        body: {
          email: 'dara@example.test',
          name: 'Dara',
          role: 'RESEARCHER',
          countries: [],
          password,
        },
      },
    ]);
    expect(screen.getByRole('button', { name: 'Copy the password' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'I have handed it over' }));
    await waitFor(() => expect(document.body.textContent).not.toContain(password));
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await screen.findByRole('button', { name: 'Create the account' });
    expect(document.body.textContent).not.toContain(password);
  });

  it('when the email is taken, then the server’s message shows next to the field and no password is shown', async () => {
    stubCreate({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION',
          message: 'The request is not valid',
          details: [{ path: 'body.email', message: 'An account with this email exists' }],
        },
      },
    });
    renderHarness();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await user.type(await screen.findByRole('textbox', { name: /Email/ }), 'taken@example.test');
    await user.click(screen.getByRole('button', { name: 'Create the account' }));

    expect(await screen.findByText('An account with this email exists')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /Email/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(screen.queryByTestId('one-time-password')).toBeNull();
  });
});
