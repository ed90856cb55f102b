// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyValues, newAct, type IncidentFormValues } from './form-model.ts';
import { IncidentForm } from './IncidentForm.tsx';
import { NewIncidentPage } from './IncidentFormPage.tsx';
import { renderWithApp, researcher, stubApi, vocabularies } from './form-test-kit.tsx';

const defender = {
  id: '3f0c8a52-7d3e-4b6f-9a1c-2e5d7f9b1c3a',
  displayName: 'Sok Chenda',
  aliases: [],
  country: 'KH',
};

function formWith(values: IncidentFormValues) {
  return (
    <IncidentForm
      incident={null}
      vocabularies={vocabularies}
      initialValues={values}
      version={null}
      base={null}
      restored={null}
      serverValues={emptyValues(researcher.countries)}
      knownDefenders={[defender]}
      withSources
      onCreated={() => undefined}
    />
  );
}

// the error text shown with an input (Mantine links it through aria-describedby)
function errorOf(input: HTMLElement) {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

beforeEach(() => sessionStorage.clear());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('incident form validation', { timeout: 60_000 }, () => {
  it('when required fields are empty and the user saves, then each field says what is missing and the summary at the top links to it', async () => {
    const calls = stubApi();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<NewIncidentPage />);

    await user.click(await screen.findByRole('button', { name: 'Save draft' }));

    const title = screen.getByRole('textbox', { name: 'Title' });
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(title)).toContain('Enter a title.');
    expect(errorOf(screen.getByRole('textbox', { name: 'Summary' }))).toContain(
      'Write a short summary of what happened.',
    );
    expect(errorOf(screen.getByRole('textbox', { name: 'Add a defender' }))).toContain(
      'Add at least one defender and what they suffered.',
    );

    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('Please correct 5 problems before saving:');
    const links = within(summary)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual([
      'Title: Enter a title.',
      'Summary: Write a short summary of what happened.',
      'Date: Enter the date, or the month and year, or the year.',
      'Country: Choose the country.',
      'Who was targeted: Add at least one defender and what they suffered.',
    ]);

    // a link takes the user to its field
    await user.click(within(summary).getByRole('link', { name: /^Summary:/ }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Summary' }));
    // nothing went to the server
    expect(calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('when an act has no violation, then the message sits on that act and names the defender in the summary', async () => {
    stubApi();
    const user = userEvent.setup({ delay: null });
    renderWithApp(
      formWith({
        ...emptyValues(['KH']),
        title: 'Arrest after protest',
        summary: 'Police arrested her.',
        occurredOn: '2024-03-12',
        acts: [newAct(defender.id)],
      }),
    );

    await user.click(await screen.findByRole('button', { name: 'Save draft' }));

    const violation = await screen.findByRole('combobox', { name: 'Violation' });
    await waitFor(() => expect(errorOf(violation)).toContain('Choose a violation.'));
    expect(within(screen.getByRole('alert')).getByRole('link').textContent).toBe(
      'Sok Chenda, act 1, Violation: Choose a violation.',
    );
  });

  it('when the server refuses a value, then its message lands on that field', async () => {
    const calls = stubApi((call) =>
      call.method === 'POST' && call.path === '/incidents'
        ? {
            status: 400,
            body: {
              error: {
                code: 'VALIDATION',
                message: 'The request is not valid',
                details: [
                  {
                    path: 'body.acts.0.violation',
                    code: 'custom',
                    message: 'Killing is retired: choose another violation',
                  },
                ],
              },
            },
          }
        : undefined,
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(
      formWith({
        ...emptyValues(['KH']),
        title: 'Arrest after protest',
        summary: 'Police arrested her.',
        occurredOn: '2024-03-12',
        acts: [{ ...newAct(defender.id), violation: 'KILLING' }],
      }),
    );

    await user.click(await screen.findByRole('button', { name: 'Save draft' }));

    const violation = await screen.findByRole('combobox', { name: 'Violation' });
    await waitFor(() =>
      expect(errorOf(violation)).toContain('Killing is retired: choose another violation'),
    );
    expect(within(screen.getByRole('alert')).getByRole('link').textContent).toBe(
      'Sok Chenda, act 1, Violation: Killing is retired: choose another violation',
    );
    expect(screen.getByRole('status').textContent).toBe('Not saved: The request is not valid');
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toMatchObject({
      title: 'Arrest after protest',
      country: 'KH',
      acts: [{ defenderId: defender.id, violation: 'KILLING' }],
    });
  });
});
