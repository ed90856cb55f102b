// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftKey, readDraft } from './draft-storage.ts';
import { NewIncidentPage } from './IncidentFormPage.tsx';
import { renderWithApp, researcher, stubApi } from './form-test-kit.tsx';

const key = draftKey(researcher.id, null);

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('draft recovery', { timeout: 60_000 }, () => {
  it('when the user types and the form goes away (a reload, an expired session), then the typing comes back from sessionStorage with a notice, and nothing is in localStorage', async () => {
    stubApi();
    const user = userEvent.setup({ delay: null });
    const first = renderWithApp(<NewIncidentPage />);
    await user.type(
      await screen.findByRole('textbox', { name: 'Title' }),
      'Land activist arrested',
    );
    await user.type(screen.getByRole('textbox', { name: 'Location' }), 'Koh Kong');
    // the form goes away before the typing had a pause
    first.unmount();

    expect(readDraft(key)?.values).toMatchObject({
      title: 'Land activist arrested',
      location: 'Koh Kong',
    });
    expect(localStorage.length).toBe(0);

    renderWithApp(<NewIncidentPage />);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect((title as HTMLInputElement).value).toBe('Land activist arrested');
    expect((screen.getByRole('textbox', { name: 'Location' }) as HTMLInputElement).value).toBe(
      'Koh Kong',
    );
    expect(screen.getByText(/^Restored your unsaved changes from \d/)).toBeTruthy();
    expect(localStorage.length).toBe(0);
  });

  it('when the user discards the restored typing, then the form is empty again and the tab keeps nothing', async () => {
    stubApi();
    const user = userEvent.setup({ delay: null });
    const first = renderWithApp(<NewIncidentPage />);
    await user.type(await screen.findByRole('textbox', { name: 'Title' }), 'To be thrown away');
    // sessionStorage is written after a short pause in the typing, too
    await waitFor(() => expect(readDraft(key)?.values.title).toBe('To be thrown away'));
    first.unmount();

    renderWithApp(<NewIncidentPage />);
    await screen.findByText(/^Restored your unsaved changes/);
    await user.click(screen.getByRole('button', { name: 'Discard them' }));

    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('');
    expect(screen.queryByText(/^Restored your unsaved changes/)).toBeNull();
    expect(sessionStorage.getItem(key)).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('when another user signs in on the same tab, then they do not get the first user’s typing', async () => {
    sessionStorage.setItem(
      draftKey('someone-else', null),
      JSON.stringify({
        at: new Date().toISOString(),
        values: { title: 'Not yours' },
        version: null,
        base: null,
        defenders: [],
      }),
    );
    stubApi();
    renderWithApp(<NewIncidentPage />);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect((title as HTMLInputElement).value).toBe('');
    expect(screen.queryByText(/^Restored your unsaved changes/)).toBeNull();
  });
});
