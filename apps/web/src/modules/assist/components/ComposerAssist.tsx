import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { assistErrorMessage } from '../format/assist-error-message';
import { useAssistFeature } from '../hooks/useAssistStatus';
import { useAssistStream } from '../hooks/useAssistStream';
import { AssistStreamControls } from './AssistStreamControls';

/** As the api takes it (`assistReplyDraftSchema`). */
const HINT_MAX = 500;

/**
 * AI help in the composer, for replies: "Draft reply" writes a reply in the customer's language and
 * the channel's limits into the text box (never sent by itself), and "Translate to customer's
 * language" turns the agent's draft into theirs. What the agent had typed guides a draft and is
 * one click away after either ("Back to my text").
 */
export function ComposerAssist({
  conversationId,
  channelId,
  text,
  onText,
}: {
  conversationId: string;
  channelId: string | null;
  text: string;
  onText: (text: string) => void;
}) {
  const { t } = useTranslation();
  const drafts = useAssistFeature('reply_draft');
  const translation = useAssistFeature('translate');
  const stream = useAssistStream(conversationId);
  /** The agent's text before a translation replaced it. */
  const [original, setOriginal] = useState<string | null>(null);
  const [running, setRunning] = useState<'draft' | 'translate' | null>(null);
  if (!drafts && !translation) return null;

  const run = async (kind: 'draft' | 'translate') => {
    setRunning(kind);
    const before = text;
    // What the agent typed guides the draft (a few words of what to say) and stays one click away.
    const hint = before.trim().length <= HINT_MAX ? before.trim() : '';
    await stream.start(
      kind === 'draft'
        ? {
            feature: 'reply-draft',
            body: { ...(channelId ? { channelId } : {}), ...(hint ? { hint } : {}) },
          }
        : { feature: 'translate', body: { text: before } },
      onText,
    );
    setOriginal(before.trim() ? before : null);
    setRunning(null);
  };

  return (
    <div className="tp-assist tp-assist--composer" data-testid="composer-assist">
      {drafts ? (
        <AssistStreamControls
          label={t('assist.draftReply')}
          running={stream.running && running === 'draft'}
          disabled={stream.running}
          onStart={() => void run('draft')}
          onStop={stream.stop}
          testId="draft-reply"
        />
      ) : null}
      {translation ? (
        <AssistStreamControls
          label={t('assist.translateDraft')}
          running={stream.running && running === 'translate'}
          disabled={stream.running || text.trim() === ''}
          onStart={() => void run('translate')}
          onStop={stream.stop}
          testId="translate-draft"
        />
      ) : null}
      {original !== null && !stream.running ? (
        <Button
          variant="ghost"
          onClick={() => {
            onText(original);
            setOriginal(null);
          }}
          data-testid="translate-draft-undo"
        >
          {t('assist.showMyText')}
        </Button>
      ) : null}
      {stream.error ? (
        <p className="tp-field__error" role="alert" data-testid="composer-assist-error">
          {assistErrorMessage(stream.error, t)}
        </p>
      ) : null}
    </div>
  );
}
