import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';

function renderConfirm(overrides: Partial<ConfirmDialogProps> = {}) {
  const props: ConfirmDialogProps = {
    title: 'Delete webhook?',
    description: 'Its delivery log goes with it.',
    confirmLabel: 'Delete',
    cancelLabel: 'Cancel',
    closeLabel: 'Close',
    onConfirm: jest.fn(),
    onClose: jest.fn(),
    busy: false,
    confirmTestId: 'confirm',
    ...overrides,
  };
  render(<ConfirmDialog {...props} />);
  return props;
}

describe('ConfirmDialog', () => {
  it('asks, focuses Cancel so Enter does not act by mistake, and acts on the action only', async () => {
    const user = userEvent.setup();
    const props = renderConfirm();
    expect(screen.getByRole('dialog', { name: 'Delete webhook?' })).toHaveAccessibleDescription(
      'Its delivery log goes with it.',
    );
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(props.onClose).toHaveBeenCalledTimes(1);
    expect(props.onConfirm).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('confirm'));
    expect(props.onConfirm).toHaveBeenCalledTimes(1);
  });

  it('shows why the action failed', () => {
    renderConfirm({ failure: { title: 'Could not delete', message: 'Webhook x does not exist' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Could not deleteWebhook x does not exist');
  });

  it("shows the server's message alone when no title is given, under the failure's test id", () => {
    renderConfirm({
      failure: { message: 'Channels still deliver to it' },
      failureTestId: 'failed',
    });
    expect(screen.getByTestId('failed')).toHaveTextContent(/^Channels still deliver to it$/);
    expect(screen.getByRole('alert')).toBe(screen.getByTestId('failed'));
  });
});
