import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Avatar } from '../../../ui/Avatar';
import { Button } from '../../../ui/Button';
import { usePopoverDismiss } from '../../../ui/usePopoverDismiss';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useParticipantActions } from '../hooks/useParticipantActions';
import { useParticipants } from '../hooks/useParticipants';

/** "14:30" today, with the date on another day. */
function accessEnd(iso: string, locale: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const today = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(at);
}

type ParticipantActions = ReturnType<typeof useParticipantActions>;

/**
 * One participant for those who manage them (owner, supervisors, admins): the avatar opens what
 * can be done: keep them in after their consult ended ("access until 14:30"), or remove them.
 */
function ManagedParticipant({
  participant,
  open,
  onToggle,
  onClose,
  actions,
}: {
  participant: ParticipantDto;
  open: boolean;
  onToggle: () => void;
  onClose: () => void;
  actions: ParticipantActions;
}) {
  const { t, i18n } = useTranslation();
  const panelId = useId();
  const { user } = participant;
  const { keep, remove } = actions;
  const failed = [keep, remove].find(
    (mutation) => mutation.isError && mutation.variables === user.id,
  )?.error;

  const dismiss = usePopoverDismiss({ open, onClose });

  return (
    <li
      className="tp-participant"
      data-testid="participant"
      onKeyDown={dismiss.onKeyDown}
      onBlur={dismiss.onBlur}
    >
      <button
        type="button"
        className="tp-participant__toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title={t('handoffs.participants.menu', { name: user.name })}
        onClick={onToggle}
      >
        <Avatar
          name={user.name}
          size="small"
          label={t(`handoffs.participants.${participant.via}`, { name: user.name })}
        />
      </button>
      {open ? (
        <div
          id={panelId}
          className="tp-popover tp-participant__panel"
          role="group"
          aria-label={t('handoffs.participants.menu', { name: user.name })}
          data-testid="participant-menu"
        >
          <p className="tp-participant__name">
            {t(`handoffs.participants.${participant.via}`, { name: user.name })}
          </p>
          {participant.expiresAt ? (
            <p className="tp-participant__access" data-testid="participant-access">
              {t('handoffs.participants.accessUntil', {
                time: accessEnd(participant.expiresAt, i18n.language),
              })}
            </p>
          ) : participant.untilConsultEnds ? (
            <p className="tp-participant__access" data-testid="participant-access">
              {t('handoffs.participants.accessWhileConsult')}
            </p>
          ) : null}
          {participant.expiresAt || participant.untilConsultEnds ? (
            <Button
              variant="secondary"
              busy={keep.isPending && keep.variables === user.id}
              title={t('handoffs.participants.keepHint', { name: user.name })}
              onClick={() => keep.mutate(user.id)}
            >
              {t('handoffs.participants.keep')}
            </Button>
          ) : null}
          <Button
            variant="ghost"
            busy={remove.isPending && remove.variables === user.id}
            title={t('handoffs.participants.removeHint', { name: user.name })}
            onClick={() => remove.mutate(user.id, { onSuccess: onClose })}
          >
            {t('handoffs.participants.remove')}
          </Button>
          {failed ? (
            <Alert tone="error" data-testid="participant-error">
              {t('handoffs.participants.failed', { reason: apiErrorMessage(failed, t) })}
            </Alert>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The colleagues pulled into a conversation, as avatars beside its owner. Whoever manages them
 * (`canManage`: the owner, supervisors, admins) may keep one in or remove them; the API checks.
 */
export function ParticipantAvatars({
  conversationId,
  ownerId,
  canManage = false,
}: {
  conversationId: string;
  ownerId: string | undefined;
  canManage?: boolean;
}) {
  const { t } = useTranslation();
  const participants = useParticipants(conversationId);
  const actions = useParticipantActions(conversationId);
  const [openId, setOpenId] = useState<string | null>(null);
  const shown = (participants.data ?? []).filter(
    (participant) => participant.via !== 'owner' && participant.user.id !== ownerId,
  );
  if (shown.length === 0) return null;
  return (
    <ul
      className="tp-avatar-stack"
      aria-label={t('handoffs.participants.label')}
      data-testid="participants"
    >
      {shown.map((participant) =>
        canManage ? (
          <ManagedParticipant
            key={participant.user.id}
            participant={participant}
            open={openId === participant.user.id}
            onToggle={() =>
              setOpenId((current) => (current === participant.user.id ? null : participant.user.id))
            }
            onClose={() => setOpenId(null)}
            actions={actions}
          />
        ) : (
          <li key={participant.user.id} data-testid="participant">
            <Avatar
              name={participant.user.name}
              size="small"
              label={t(`handoffs.participants.${participant.via}`, { name: participant.user.name })}
            />
          </li>
        ),
      )}
    </ul>
  );
}
