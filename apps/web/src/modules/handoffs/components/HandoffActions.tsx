import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  completeHandoffSchema,
  declineHandoffSchema,
  type HandoffDto,
  type UserDto,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { handoffPermissions } from '../format/handoff-permissions';
import { useAcceptHandoff } from '../hooks/useAcceptHandoff';
import { useCancelHandoff } from '../hooks/useCancelHandoff';
import { useCompleteHandoff } from '../hooks/useCompleteHandoff';
import { useDeclineHandoff } from '../hooks/useDeclineHandoff';

export type HandoffStep = 'accept' | 'decline' | 'complete' | 'cancel';

export interface HandoffActionsProps {
  handoff: HandoffDto;
  me: UserDto;
  /** After a step succeeded, with the handoff as the API answered. */
  onDone?: (step: HandoffStep, handoff: HandoffDto) => void;
}

type Form = 'decline' | 'complete' | null;

/**
 * The steps the viewer may take on a handoff: Accept / Decline (with a reason) when it waits for
 * them, Complete (with a summary) once they accepted a consult, Cancel when they asked for it.
 */
export function HandoffActions({ handoff, me, onDone }: HandoffActionsProps) {
  const { t } = useTranslation();
  const accept = useAcceptHandoff();
  const decline = useDeclineHandoff();
  const complete = useCompleteHandoff();
  const cancel = useCancelHandoff();
  const [form, setForm] = useState<Form>(null);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const textId = useId();
  const errorId = useId();

  const permissions = handoffPermissions(handoff, me);
  const busy = accept.isPending || decline.isPending || complete.isPending || cancel.isPending;
  // Nothing to do here; but an error stays (a 409 refetches the handoff, which may end the steps).
  if (!permissions.take && !permissions.complete && !permissions.cancel && !error) return null;

  const callbacks = (step: HandoffStep) => ({
    onSuccess: (answer: HandoffDto) => {
      setForm(null);
      setText('');
      onDone?.(step, answer);
    },
    onError: (failure: ApiError) => setError(failure),
  });

  const start = () => setError(null);

  const openForm = (next: Form) => {
    start();
    setForm(next);
    setText('');
    setInvalid(false);
  };

  const submitForm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    start();
    if (form === 'decline') {
      const parsed = declineHandoffSchema.safeParse({ reason: text });
      setInvalid(!parsed.success);
      if (parsed.success)
        decline.mutate({ handoff, reason: parsed.data.reason }, callbacks('decline'));
    } else if (form === 'complete') {
      const parsed = completeHandoffSchema.safeParse({ summary: text });
      setInvalid(!parsed.success);
      if (parsed.success) {
        complete.mutate({ handoff, summary: parsed.data.summary }, callbacks('complete'));
      }
    }
  };

  return (
    <div className="tp-handoff-actions" data-testid="handoff-actions">
      {form ? (
        <form className="tp-handoff-actions__form" onSubmit={submitForm} noValidate>
          <label className="tp-field__label" htmlFor={textId}>
            {form === 'decline' ? t('handoffs.actions.reason') : t('handoffs.actions.summary')}
          </label>
          <textarea
            id={textId}
            className="tp-field__input"
            rows={3}
            value={text}
            autoFocus
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(event) => setText(event.target.value)}
            data-testid={`handoff-${form}-text`}
          />
          {invalid ? (
            <p id={errorId} className="tp-field__error">
              {form === 'decline'
                ? t('handoffs.actions.reasonRequired')
                : t('handoffs.actions.summaryRequired')}
            </p>
          ) : null}
          <div className="tp-actions tp-actions--compact">
            <Button
              type="submit"
              variant={form === 'decline' ? 'secondary' : 'primary'}
              busy={decline.isPending || complete.isPending}
              data-testid={`handoff-${form}-submit`}
            >
              {form === 'decline' ? t('handoffs.actions.decline') : t('handoffs.actions.complete')}
            </Button>
            <Button variant="ghost" onClick={() => setForm(null)}>
              {t('handoffs.actions.back')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="tp-actions tp-actions--compact">
          {permissions.take ? (
            <>
              <Button
                busy={accept.isPending}
                disabled={busy && !accept.isPending}
                onClick={() => {
                  start();
                  accept.mutate({ handoff }, callbacks('accept'));
                }}
                data-testid="handoff-accept"
              >
                {handoff.kind === 'transfer'
                  ? t('handoffs.actions.acceptTransfer')
                  : t('handoffs.actions.accept')}
              </Button>
              <Button
                variant="secondary"
                disabled={busy}
                onClick={() => openForm('decline')}
                data-testid="handoff-decline"
              >
                {t('handoffs.actions.decline')}
              </Button>
            </>
          ) : null}
          {permissions.complete ? (
            <Button
              disabled={busy}
              onClick={() => openForm('complete')}
              data-testid="handoff-complete"
            >
              {t('handoffs.actions.complete')}
            </Button>
          ) : null}
          {permissions.cancel ? (
            <Button
              variant="ghost"
              busy={cancel.isPending}
              disabled={busy && !cancel.isPending}
              onClick={() => {
                start();
                cancel.mutate({ handoff }, callbacks('cancel'));
              }}
              data-testid="handoff-cancel"
            >
              {t('handoffs.actions.cancel')}
            </Button>
          ) : null}
        </div>
      )}
      {error ? (
        <Alert tone="error" data-testid="handoff-error">
          {apiErrorMessage(error, t)}
        </Alert>
      ) : null}
    </div>
  );
}
