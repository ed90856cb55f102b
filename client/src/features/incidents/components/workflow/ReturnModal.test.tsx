// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReturnModal } from './ReturnModal.tsx';

afterEach(cleanup);

// happy-dom has no font loading, which Mantine's autosizing textarea listens to
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

function renderModal(onReturn: (comment: string) => Promise<boolean>, failure?: string) {
  const onClose = vi.fn();
  render(
    <MantineProvider>
      <ReturnModal
        opened
        reference="KH-2024-0007"
        version={3}
        onClose={onClose}
        onReturn={onReturn}
        failure={failure}
      />
    </MantineProvider>,
  );
  return { onClose };
}

describe('ReturnModal', () => {
  it('when the comment is empty or blank, then the return is refused next to the field and nothing is sent', async () => {
    const onReturn = vi.fn(async () => true);
    renderModal(onReturn);
    const user = userEvent.setup();
    const submit = await screen.findByRole('button', { name: 'Return to researcher' });

    await user.click(submit);
    expect(
      await screen.findByText('Write why the incident goes back to the researcher.'),
    ).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /Comment for the researcher/ }), '   ');
    await user.click(submit);
    expect(
      screen
        .getByRole('textbox', { name: /Comment for the researcher/ })
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(onReturn).not.toHaveBeenCalled();
  });

  it('when a comment is written, then it is sent as typed and the dialog closes once the incident went back', async () => {
    const onReturn = vi.fn(async () => true);
    const { onClose } = renderModal(onReturn);
    const user = userEvent.setup();
    await user.type(
      await screen.findByRole('textbox', { name: /Comment for the researcher/ }),
      'Add a second source.',
    );
    await user.click(screen.getByRole('button', { name: 'Return to researcher' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onReturn).toHaveBeenCalledWith('Add a second source.');
  });

  it('when the server refused the last return, then the dialog stays open and says why', async () => {
    const onReturn = vi.fn(async () => false);
    const { onClose } = renderModal(onReturn, 'Someone changed this incident meanwhile.');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Someone changed this incident meanwhile.',
    );
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: /Comment for the researcher/ }), 'Again');
    await user.click(screen.getByRole('button', { name: 'Return to researcher' }));
    await waitFor(() => expect(onReturn).toHaveBeenCalledWith('Again'));
    expect(onClose).not.toHaveBeenCalled();
  });
});
