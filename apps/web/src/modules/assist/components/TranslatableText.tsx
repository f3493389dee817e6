import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { assistErrorMessage } from '../format/assist-error-message';
import { useAssistFeature } from '../hooks/useAssistStatus';
import { useAssistStream } from '../hooks/useAssistStream';
import { AssistStreamControls } from './AssistStreamControls';

/**
 * A customer's message text with "Translate": its translation into the agent's language takes the
 * original's place, and the original is one click away ("Show original"). Without the feature it
 * is the text alone.
 */
export function TranslatableText({
  conversationId,
  messageId,
  text,
  children,
}: {
  conversationId: string;
  messageId: string;
  /** The plain text sent for translation. */
  text: string;
  /** How the original shows (an email's own body); by default its text. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const enabled = useAssistFeature('translate');
  const stream = useAssistStream(conversationId);
  const [translated, setTranslated] = useState<string | null>(null);
  const [showOriginal, setShowOriginal] = useState(false);
  const showsTranslation = translated !== null && !showOriginal;
  const body = showsTranslation ? (
    <p className="tp-message__text" data-testid="message-translated">
      {translated}
    </p>
  ) : (
    (children ?? <p className="tp-message__text">{text}</p>)
  );
  if (!enabled || text.trim() === '') return <>{body}</>;

  return (
    <>
      {showsTranslation ? (
        <span className="tp-assist__label" data-testid="translation-label">
          {t('assist.translation')}
        </span>
      ) : null}
      {body}
      <div className="tp-assist tp-assist--message">
        {translated === null || stream.running ? (
          <AssistStreamControls
            label={t('assist.translate')}
            running={stream.running}
            onStart={() => {
              setShowOriginal(false);
              void stream.start({ feature: 'translate', body: { messageId } }, setTranslated);
            }}
            onStop={stream.stop}
            testId="translate-message"
          />
        ) : (
          <Button
            variant="ghost"
            onClick={() => setShowOriginal(!showOriginal)}
            aria-pressed={showOriginal}
            data-testid="translation-toggle"
          >
            {showOriginal ? t('assist.showTranslation') : t('assist.showOriginal')}
          </Button>
        )}
        {stream.error ? (
          <p className="tp-field__error" role="alert" data-testid="translate-message-error">
            {assistErrorMessage(stream.error, t)}
          </p>
        ) : null}
      </div>
    </>
  );
}
