// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../../../app/theme.ts';
import { RecordPicker, type PickerOption } from './RecordPicker.tsx';

// The search-as-you-type picker that links incidents and defenders to an advocacy action.

configure({ asyncUtilTimeout: 10_000 });

const arrest: PickerOption = {
  id: '1cd75193-463b-4e8d-8805-a525d515dab7',
  label: 'KH-2024-0007 · Arrest at the dam protest',
  description: 'May 3, 2024 · Cambodia (KH)',
};
const threats: PickerOption = {
  id: '108d71b4-45e8-4c35-aca0-20c8045c8771',
  label: 'KH-2024-0009 · Threats against the river fishers',
  description: 'Jun 1, 2024 · Cambodia (KH)',
};
const linkedBefore = '710d6ad9-f6aa-4976-9498-a50fdd7d3f3e';
const unreadable = 'd6684b2a-f33f-476a-9aef-964f59808398';

function Picker({
  search,
  onChange,
}: {
  search: typeof searchAll;
  onChange: (ids: string[]) => void;
}) {
  const [value, setValue] = useState([linkedBefore, unreadable]);
  return (
    <RecordPicker
      id="incidents"
      label="Incidents"
      placeholder="Reference or title"
      value={value}
      onChange={(ids) => {
        setValue(ids);
        onChange(ids);
      }}
      queryRoot="incidents"
      search={search}
      known={new Map([[linkedBefore, { id: linkedBefore, label: 'KH-2023-0001 · Eviction' }]])}
      outsideAccess="An incident outside your access"
    />
  );
}

const searchAll = vi.fn(async (q: string) =>
  [arrest, threats].filter((option) => option.label.toLowerCase().includes(q.toLowerCase())),
);

function renderPicker(onChange: (ids: string[]) => void) {
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={new QueryClient()}>
        <Picker search={searchAll} onChange={onChange} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

afterEach(() => {
  cleanup();
  searchAll.mockClear();
});

describe('RecordPicker', { timeout: 30_000 }, () => {
  it('when the user types and picks a match by keyboard, then it is linked and shows as a chip with its name, and removing the chip unlinks it', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderPicker(onChange);

    // links made before: named when readable, said in words when not, never as an id
    expect(screen.getByText('KH-2023-0001 · Eviction')).toBeTruthy();
    expect(screen.getByText('An incident outside your access')).toBeTruthy();
    expect(document.body.textContent).not.toContain(unreadable);

    await user.type(screen.getByRole('combobox', { name: 'Incidents' }), 'river');
    await screen.findByRole('option', { name: /KH-2024-0009/ });
    expect(screen.queryByRole('option', { name: /KH-2024-0007/ })).toBeNull();
    expect(searchAll).toHaveBeenLastCalledWith('river', expect.anything());
    await user.keyboard('{ArrowDown}{Enter}');

    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith([linkedBefore, unreadable, threats.id]),
    );
    expect(screen.getByText(threats.label)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Incidents' }) as HTMLInputElement).value).toBe(
      '',
    );

    await user.click(screen.getByRole('button', { name: `Remove ${threats.label}` }));
    expect(onChange).toHaveBeenLastCalledWith([linkedBefore, unreadable]);
    expect(screen.queryByRole('button', { name: `Remove ${threats.label}` })).toBeNull();
  });
});
