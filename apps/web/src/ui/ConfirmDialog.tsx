import { Alert } from './Alert';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  /** What happens, and what cannot be taken back. */
  description: string;
  /** The action's label ("Delete", "Revoke"). */
  confirmLabel: string;
  cancelLabel: string;
  /** Label of the dialog's close button. */
  closeLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy: boolean;
  /** Set when the action failed: the server's message, under a title if given. */
  failure?: { title?: string; message: string };
  'data-testid'?: string;
  /** Test id of the action's button. */
  confirmTestId?: string;
  /** Test id of the failure's alert. */
  failureTestId?: string;
}

/**
 * Asks before an action: the question, the failure if the action failed, Cancel (focused, so
 * Enter does not act by mistake) and the action. Labels come translated from the caller.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  cancelLabel,
  closeLabel,
  onConfirm,
  onClose,
  busy,
  failure,
  confirmTestId,
  failureTestId,
  ...rest
}: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      closeLabel={closeLabel}
      data-testid={rest['data-testid']}
    >
      {failure ? (
        <Alert tone="error" title={failure.title} data-testid={failureTestId}>
          {failure.message}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {cancelLabel}
        </Button>
        <Button busy={busy} onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
