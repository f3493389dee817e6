import { useTranslation } from 'react-i18next';
import { assistErrorMessage } from '../format/assist-error-message';
import { useAssistFeature } from '../hooks/useAssistStatus';
import { useAssistStream } from '../hooks/useAssistStream';
import { AssistOffHint } from './AssistOffHint';
import { AssistStreamControls } from './AssistStreamControls';

/**
 * "Draft summary" in the pull-in dialog: the model writes the handoff note (what the customer
 * wants, what was promised or tried) into the note field as it goes; the agent edits it, and the
 * note stays required.
 */
export function DraftSummaryButton({
  conversationId,
  onText,
}: {
  conversationId: string;
  onText: (text: string) => void;
}) {
  const { t } = useTranslation();
  const enabled = useAssistFeature('handoff_summary');
  const stream = useAssistStream(conversationId);
  if (!enabled) return <AssistOffHint />;
  return (
    <div className="tp-assist" data-testid="assist-handoff-summary">
      <AssistStreamControls
        label={t('assist.draftSummary')}
        running={stream.running}
        onStart={() => void stream.start({ feature: 'handoff-summary' }, onText)}
        onStop={stream.stop}
        testId="draft-summary"
      />
      {stream.running ? (
        <span className="tp-assist__status" role="status">
          {t('assist.writing')}
        </span>
      ) : null}
      {stream.error ? (
        <p className="tp-field__error" role="alert" data-testid="draft-summary-error">
          {assistErrorMessage(stream.error, t)}
        </p>
      ) : null}
    </div>
  );
}
