import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  type ConversationPriority,
  type ConversationStatus,
  type ConversationSummaryDto,
} from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import type { useUpdateConversation } from '../hooks/useUpdateConversation';

type Update = ReturnType<typeof useUpdateConversation>;

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local field takes it. */
function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** Tomorrow 09:00 local time, for the snooze field. */
function tomorrowMorning(now: Date = new Date()): string {
  return toLocalInput(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0));
}

function isStatus(value: string): value is ConversationStatus {
  return (CONVERSATION_STATUSES as readonly string[]).includes(value);
}

function isPriority(value: string): value is ConversationPriority {
  return (CONVERSATION_PRIORITIES as readonly string[]).includes(value);
}

/**
 * Status (snoozing asks until when) and priority of a conversation; shown but not changeable
 * (`readOnly`) for those pulled into someone else's conversation.
 */
export function StatusControl({
  conversation,
  update,
  readOnly = false,
}: {
  conversation: ConversationSummaryDto;
  update: Update;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const statusId = useId();
  const priorityId = useId();
  const snoozeId = useId();
  const [snoozing, setSnoozing] = useState(false);
  const [snoozeUntil, setSnoozeUntil] = useState(tomorrowMorning);

  // While a change is on its way, show what was picked.
  const pending = update.isPending ? update.variables : undefined;
  const status = snoozing ? 'snoozed' : (pending?.status ?? conversation.status);
  const priority = pending?.priority ?? conversation.priority;

  const handleSnooze = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const at = new Date(snoozeUntil);
    if (Number.isNaN(at.getTime())) return;
    update.mutate(
      { status: 'snoozed', snoozedUntil: at.toISOString() },
      { onSuccess: () => setSnoozing(false) },
    );
  };

  return (
    <div className="tp-status-control">
      <div className="tp-status-control__field">
        <label htmlFor={statusId}>{t('inbox.thread.status')}</label>
        <select
          id={statusId}
          className="tp-select"
          value={status}
          disabled={readOnly || update.isPending}
          onChange={(event) => {
            const value = event.target.value;
            if (!isStatus(value)) return;
            if (value === 'snoozed') {
              setSnoozeUntil(tomorrowMorning());
              setSnoozing(true);
              return;
            }
            setSnoozing(false);
            update.mutate({ status: value });
          }}
          title={readOnly ? t('inbox.thread.ownerDecides') : undefined}
          data-testid="status-select"
        >
          {CONVERSATION_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`inbox.status.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="tp-status-control__field">
        <label htmlFor={priorityId}>{t('inbox.thread.priority')}</label>
        <select
          id={priorityId}
          className={`tp-select tp-select--priority-${priority}`}
          value={priority}
          disabled={readOnly || update.isPending}
          onChange={(event) => {
            const value = event.target.value;
            if (isPriority(value)) update.mutate({ priority: value });
          }}
          data-testid="priority-select"
        >
          {CONVERSATION_PRIORITIES.map((option) => (
            <option key={option} value={option}>
              {t(`inbox.priority.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {snoozing ? (
        <form className="tp-snooze" onSubmit={handleSnooze}>
          <label htmlFor={snoozeId}>{t('inbox.thread.snoozeUntil')}</label>
          <input
            id={snoozeId}
            type="datetime-local"
            className="tp-field__input"
            value={snoozeUntil}
            // A snooze wakes at a time still to come; the server refuses one already past.
            min={toLocalInput(new Date())}
            required
            onChange={(event) => setSnoozeUntil(event.target.value)}
          />
          <Button type="submit" busy={update.isPending}>
            {t('inbox.thread.snooze')}
          </Button>
          <Button variant="ghost" onClick={() => setSnoozing(false)}>
            {t('inbox.thread.cancel')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
