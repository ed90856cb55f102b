// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateIncidentInput } from '@vigil/shared/schemas/incidents';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyValues, newAct } from './form-model.ts';
import { IncidentForm } from './IncidentForm.tsx';
import { renderWithApp, researcher, stubApi, vocabularies, type Call } from './form-test-kit.tsx';

const defenderId = '3f0c8a52-7d3e-4b6f-9a1c-2e5d7f9b1c3a';
const incidentId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function incidentFrom(input: CreateIncidentInput, version: number) {
  return {
    id: incidentId,
    reference: 'KH-2024-0007',
    location: null,
    ...input,
    acts: input.acts.map((act) => ({ victimStatus: null, notes: null, ...act })),
    status: 'DRAFT',
    defenderIds: [defenderId],
    violations: [],
    perpetrators: [],
    sourceCount: input.sources.length,
    version,
    createdAt: '2024-03-13T08:00:00.000Z',
    updatedAt: '2024-03-13T08:00:00.000Z',
    createdById: researcher.id,
    deletedAt: null,
  };
}

function renderDraft() {
  return renderWithApp(
    <IncidentForm
      incident={null}
      vocabularies={vocabularies}
      initialValues={{
        ...emptyValues(['KH']),
        title: 'Arrest after protest',
        summary: 'Police arrested her.',
        occurredOn: '2024-03-12',
        acts: [{ ...newAct(defenderId), violation: 'ARBITRARY_ARREST' }],
      }}
      version={null}
      base={null}
      restored={null}
      serverValues={emptyValues(['KH'])}
      knownDefenders={[{ id: defenderId, displayName: 'Sok Chenda', aliases: [], country: 'KH' }]}
      withSources
      onCreated={() => undefined}
    />,
  );
}

const writes = (calls: Call[]) => calls.filter((call) => call.method !== 'GET');

beforeEach(() => sessionStorage.clear());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('autosave', { timeout: 60_000 }, () => {
  it('when the draft can be created and the typing pauses, then it is created, and later changes are saved with its version', async () => {
    let version = 0;
    const calls = stubApi((call) => {
      if (call.method === 'POST' && call.path === '/incidents') {
        version = 1;
        return { status: 201, body: incidentFrom(call.body as CreateIncidentInput, 1) };
      }
      if (call.method === 'PATCH' && call.path === `/incidents/${incidentId}`) {
        version += 1;
        return { status: 200, body: incidentFrom(call.body as CreateIncidentInput, version) };
      }
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    renderDraft();
    const title = await screen.findByRole('textbox', { name: 'Title' });

    await user.type(title, ' in Koh Kong');
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Draft saved /));
    await user.type(title, ' province');
    await waitFor(() => expect(writes(calls)).toHaveLength(2));

    const [create, update] = writes(calls);
    expect(create).toMatchObject({
      method: 'POST',
      path: '/incidents',
      body: { title: 'Arrest after protest in Koh Kong', country: 'KH' },
    });
    expect(update).toMatchObject({
      method: 'PATCH',
      path: `/incidents/${incidentId}`,
      body: { title: 'Arrest after protest in Koh Kong province', version: 1, location: null },
    });
  });

  it('when the network is down at the autosave, then the status says it will save when back, and it saves on reconnect', async () => {
    let online = false;
    const calls = stubApi((call) => {
      if (call.method !== 'POST') return undefined;
      return online
        ? { status: 201, body: incidentFrom(call.body as CreateIncidentInput, 1) }
        : 'network down';
    });
    const user = userEvent.setup({ delay: null });
    renderDraft();

    await user.type(await screen.findByRole('textbox', { name: 'Title' }), '!');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Offline: will save when back. Your typing is kept in this tab.',
      ),
    );

    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Draft saved /));
    expect(writes(calls).map((call) => call.method)).toEqual(['POST', 'POST']);
  });
});
