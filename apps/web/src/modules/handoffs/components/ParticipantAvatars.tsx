import { useTranslation } from 'react-i18next';
import { Avatar } from '../../../ui/Avatar';
import { useParticipants } from '../hooks/useParticipants';

/** The colleagues pulled into a conversation, as avatars beside its owner. */
export function ParticipantAvatars({
  conversationId,
  ownerId,
}: {
  conversationId: string;
  ownerId: string | undefined;
}) {
  const { t } = useTranslation();
  const participants = useParticipants(conversationId);
  const shown = (participants.data ?? []).filter(
    (participant) => participant.via !== 'owner' && participant.user.id !== ownerId,
  );
  if (shown.length === 0) return null;
  return (
    <ul
      className="tp-participants"
      aria-label={t('handoffs.participants.label')}
      data-testid="participants"
    >
      {shown.map((participant) => (
        <li key={participant.user.id} data-testid="participant">
          <Avatar
            name={participant.user.name}
            size="small"
            label={t(`handoffs.participants.${participant.via}`, { name: participant.user.name })}
          />
        </li>
      ))}
    </ul>
  );
}
