import { useTranslation } from 'react-i18next';
import { OVERSEEING_ROLES, type HandoffDto, type UserDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useSplitConsult } from '../hooks/useSplitConsult';

export interface SplitConsultButtonProps {
  handoff: HandoffDto;
  me: UserDto;
  /** The consult was asked automatically: the customer wrote to the team's own channel. */
  automatic: boolean;
}

/**
 * On an automatic consult's card: "Split into its own conversation". The customer's message to the
 * team's channel (and what followed) becomes a new conversation in that team's queue, and the
 * consult ends. For the owner who asked, the team asked, and supervisors, while it is open.
 */
export function SplitConsultButton({ handoff, me, automatic }: SplitConsultButtonProps) {
  const { t } = useTranslation();
  const split = useSplitConsult(handoff.id);
  const open = handoff.status === 'requested' || handoff.status === 'accepted';
  const inTeam = handoff.team !== null && me.teams.some((team) => team.id === handoff.team?.id);
  const mayAct = handoff.requestedBy.id === me.id || inTeam || OVERSEEING_ROLES.includes(me.role);
  if (!automatic || handoff.kind !== 'consult' || !open || !mayAct) return null;
  return (
    <div className="tp-handoff-card__split">
      <Button
        variant="secondary"
        busy={split.isPending}
        onClick={() => split.mutate({})}
        title={t('handoffs.split.hint', { team: handoff.team?.name ?? '' })}
        data-testid="split-consult"
      >
        {t('handoffs.split.button')}
      </Button>
      {split.isError ? (
        <Alert tone="error" data-testid="split-consult-error">
          {apiErrorMessage(split.error, t)}
        </Alert>
      ) : null}
    </div>
  );
}
