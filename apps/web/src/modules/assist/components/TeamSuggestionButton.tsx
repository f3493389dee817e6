import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { assistErrorMessage } from '../format/assist-error-message';
import { useAssistFeature } from '../hooks/useAssistStatus';
import { useTeamSuggestion } from '../hooks/useTeamSuggestion';

/** "Suggest a team": the model picks one of the other teams with a reason; the agent decides. */
export function TeamSuggestionButton({
  conversationId,
  onSuggest,
}: {
  conversationId: string;
  onSuggest: (teamId: string) => void;
}) {
  const { t } = useTranslation();
  const enabled = useAssistFeature('team_suggestion');
  const suggest = useTeamSuggestion(conversationId);
  if (!enabled) return null;
  return (
    <div className="tp-assist" data-testid="assist-team-suggestion">
      <Button
        variant="ghost"
        busy={suggest.isPending}
        icon={<Icon name="sparkle" size={14} />}
        onClick={() => suggest.mutate(undefined, { onSuccess: (s) => onSuggest(s.team.id) })}
        data-testid="suggest-team"
      >
        {t('assist.suggestTeam')}
      </Button>
      {suggest.data ? (
        <p className="tp-assist__status" role="status" data-testid="team-suggestion">
          {t('assist.suggestedTeam', { team: suggest.data.team.name, reason: suggest.data.reason })}
        </p>
      ) : null}
      {suggest.isError ? (
        <p className="tp-field__error" role="alert" data-testid="suggest-team-error">
          {assistErrorMessage(suggest.error, t)}
        </p>
      ) : null}
    </div>
  );
}
