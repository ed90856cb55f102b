// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyValues } from './form-model.ts';
import { IncidentForm } from './IncidentForm.tsx';
import { renderWithApp, researcher, stubApi, vocabularies, type Call } from './form-test-kit.tsx';

const existing = {
  id: '0e935db3-a89d-4548-a966-d46dd4aad68e',
  displayName: 'Sok Chenda',
  aliases: ['សុខ ចិន្តា'],
  gender: 'FEMALE',
  birthYear: 1984,
  country: 'KH',
  sectors: ['LAND_ENVIRONMENT'],
  organisation: 'Koh Kong Land Network',
  riskLevel: 'HIGH',
  createdAt: '2024-01-10T08:00:00.000Z',
  createdById: researcher.id,
};

const created = {
  ...existing,
  id: '9b2e4c6a-1d3f-4e5a-8b7c-0d1e2f3a4b5c',
  displayName: 'Sok Chendaa',
  aliases: [],
  legalName: null,
  pseudonym: null,
  genderSelfDescription: null,
  birthYear: null,
  region: null,
  contact: null,
  notes: null,
  consent: 'CONFIDENTIAL',
  shareWithAuthorities: 'UNKNOWN',
  version: 1,
  updatedAt: '2024-01-10T08:00:00.000Z',
};

// /defenders/similar finds Sok Chenda for any name starting "Sok Chend"
function api(call: Call) {
  if (call.path.startsWith('/defenders/similar?')) {
    const name = new URL(`http://x${call.path}`).searchParams.get('name') ?? '';
    return {
      status: 200,
      body: { items: name.startsWith('Sok Chend') ? [{ ...existing, similarity: 0.91 }] : [] },
    };
  }
  if (call.method === 'POST' && call.path === '/defenders') return { status: 201, body: created };
  return undefined;
}

function renderForm() {
  return renderWithApp(
    <IncidentForm
      incident={null}
      vocabularies={vocabularies}
      initialValues={{ ...emptyValues(['KH']), title: 'Arrest after protest' }}
      version={null}
      base={null}
      restored={null}
      serverValues={emptyValues(['KH'])}
      knownDefenders={[]}
      withSources
      onCreated={() => undefined}
    />,
  );
}

beforeEach(() => sessionStorage.clear());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('duplicate warning', { timeout: 60_000 }, () => {
  it('when a new defender is typed with a name close to a recorded one, then the likely duplicate is listed, and picking it adds that defender instead of recording a new one', async () => {
    const calls = stubApi(api);
    const user = userEvent.setup({ delay: null });
    renderForm();

    await user.click(await screen.findByRole('button', { name: 'Record a new defender' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a new defender' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Sok Chendaa');

    const warning = await within(dialog).findByRole('region', {
      name: 'This person may already be recorded',
    });
    expect(warning.textContent).toContain('Sok Chenda');
    expect(warning.textContent).toContain('91% similar');
    expect(warning.textContent).toContain('Also known as សុខ ចិន្តា');
    expect(warning.textContent).toContain('Cambodia (KH)');
    expect(warning.textContent).toContain('Koh Kong Land Network');
    expect(
      within(dialog).getByRole('button', { name: 'This is a different person: record them' }),
    ).toBeTruthy();

    await user.click(
      within(warning).getByRole('button', {
        name: 'Use this defender: Sok Chenda',
      }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('heading', { level: 3, name: 'Sok Chenda' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Violation' })).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    const similar = calls.find((call) => call.path.startsWith('/defenders/similar'));
    expect(similar?.path).toBe('/defenders/similar?name=Sok+Chendaa&country=KH');
  });

  it('when the user says it is a different person, then the new defender is recorded and added', async () => {
    const calls = stubApi(api);
    const user = userEvent.setup({ delay: null });
    renderForm();

    await user.click(await screen.findByRole('button', { name: 'Record a new defender' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a new defender' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Sok Chendaa');
    await user.click(
      await within(dialog).findByRole('button', {
        name: 'This is a different person: record them',
      }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('heading', { level: 3, name: 'Sok Chendaa' })).toBeTruthy();
    const post = calls.find((call) => call.method === 'POST');
    expect(post).toMatchObject({
      path: '/defenders',
      body: {
        displayName: 'Sok Chendaa',
        country: 'KH',
        consent: 'CONFIDENTIAL',
        shareWithAuthorities: 'UNKNOWN',
      },
    });
  });

  it('when the user records before the list of likely duplicates has shown, then nothing is recorded and the list appears first', async () => {
    const calls = stubApi(api);
    const user = userEvent.setup({ delay: null });
    renderForm();

    await user.click(await screen.findByRole('button', { name: 'Record a new defender' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a new defender' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.type(name, 'Sok Chenda{Enter}');

    await within(dialog).findByRole('region', { name: 'This person may already be recorded' });
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });
});
