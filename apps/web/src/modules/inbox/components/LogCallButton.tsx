import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallOutcome,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useLogCall } from '../hooks/useLogCall';

/** Minutes as typed ("4", "4:30", "4,5") in seconds; undefined when it is not a duration. */
export function parseMinutes(value: string): number | undefined {
  const text = value.trim();
  if (!text) return 0;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const minutes = Number(text.replace(',', '.'));
  return Number.isFinite(minutes) && minutes >= 0 && minutes <= 24 * 60
    ? Math.round(minutes * 60)
    : undefined;
}

export interface LogCallButtonProps {
  conversationId: string;
  /** Tells this button from the thread header's where there are two (the composer's call hint). */
  'data-testid'?: string;
}

/** "Log call" as a button of its own (where a thread suggests calling), with its dialog. */
export function LogCallButton({
  conversationId,
  'data-testid': testId = 'log-call',
}: LogCallButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        icon={<Icon name="phone" size={15} />}
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        {t('inbox.logCall.open')}
      </Button>
      {open ? (
        <LogCallDialog conversationId={conversationId} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

/**
 * An agent records a phone call with the customer (who called, how it ended, how long, a note), so
 * the whole team sees it in the conversation. One click sends once.
 */
export function LogCallDialog({
  conversationId,
  onClose,
}: {
  conversationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<CallDirection>('outbound');
  const [outcome, setOutcome] = useState<CallOutcome>('answered');
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [minutesError, setMinutesError] = useState<string>();
  // One id per call being logged: a repeated click or request logs it once.
  const [clientMessageId] = useState(() => crypto.randomUUID());
  const logCall = useLogCall(conversationId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seconds = outcome === 'answered' ? parseMinutes(minutes) : 0;
    if (seconds === undefined) {
      setMinutesError(t('inbox.logCall.minutesInvalid'));
      return;
    }
    setMinutesError(undefined);
    logCall.mutate(
      { direction, outcome, durationSeconds: seconds, note: note.trim(), clientMessageId },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      title={t('inbox.logCall.title')}
      description={t('inbox.logCall.description')}
      closeLabel={t('inbox.logCall.cancel')}
      onClose={onClose}
      data-testid="log-call-dialog"
    >
      <form className="tp-log-call" onSubmit={submit} noValidate>
        <fieldset className="tp-field tp-log-call__directions">
          <legend className="tp-field__label">{t('inbox.logCall.direction')}</legend>
          {CALL_DIRECTIONS.map((value) => (
            <label key={value} className="tp-choice">
              <input
                type="radio"
                name="direction"
                value={value}
                checked={direction === value}
                onChange={() => setDirection(value)}
                data-autofocus={value === direction ? true : undefined}
              />
              {t(`inbox.call.title.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="tp-field">
          <label className="tp-field__label" htmlFor="log-call-outcome">
            {t('inbox.logCall.outcome')}
          </label>
          <select
            id="log-call-outcome"
            className="tp-select"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as CallOutcome)}
          >
            {CALL_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {t(`inbox.call.outcome.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {outcome === 'answered' ? (
          <div className={`tp-field${minutesError ? ' tp-field--invalid' : ''}`}>
            <label className="tp-field__label" htmlFor="log-call-minutes">
              {t('inbox.logCall.minutes')}
            </label>
            <input
              id="log-call-minutes"
              className="tp-field__input"
              inputMode="decimal"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              aria-invalid={minutesError ? true : undefined}
              aria-describedby={minutesError ? 'log-call-minutes-error' : undefined}
              placeholder="4:30"
            />
            {minutesError ? (
              <p id="log-call-minutes-error" className="tp-field__error">
                {minutesError}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="tp-field">
          <label className="tp-field__label" htmlFor="log-call-note">
            {t('inbox.logCall.note')}
          </label>
          <textarea
            id="log-call-note"
            className="tp-field__input"
            rows={4}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {logCall.isError ? <Alert tone="error">{apiErrorMessage(logCall.error, t)}</Alert> : null}
        <div className="tp-dialog__footer">
          <Button variant="secondary" type="button" onClick={onClose}>
            {t('inbox.logCall.cancel')}
          </Button>
          <Button type="submit" busy={logCall.isPending}>
            {t('inbox.logCall.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
