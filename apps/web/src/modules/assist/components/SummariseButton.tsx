import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Icon } from '../../../ui/Icon';
import { assistErrorMessage } from '../format/assist-error-message';
import { useAssistFeature } from '../hooks/useAssistStatus';
import { useAssistStream } from '../hooks/useAssistStream';

/**
 * "Summarise": the conversation so far in a few bullet points, for whoever joins it, written into a
 * dialog as it arrives; Stop ends it, closing the dialog too.
 */
export function SummariseButton({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const enabled = useAssistFeature('summary');
  const stream = useAssistStream(conversationId);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  if (!enabled) return null;

  const run = () => {
    setText('');
    void stream.start({ feature: 'summary' }, setText);
  };
  const close = () => {
    stream.stop();
    setOpen(false);
  };

  return (
    <>
      <Button
        variant="ghost"
        icon={<Icon name="sparkle" size={16} />}
        onClick={() => {
          setOpen(true);
          run();
        }}
        data-testid="summarise"
      >
        {t('assist.summarise')}
      </Button>
      {open ? (
        <Dialog
          title={t('assist.summaryTitle')}
          description={t('assist.summaryDescription')}
          onClose={close}
          closeLabel={t('handoffs.close')}
          data-testid="summary-dialog"
        >
          <div className="tp-assist__summary" aria-live="polite" data-testid="summary-text">
            {text || (stream.running ? t('assist.writing') : null)}
          </div>
          {stream.error ? (
            <p className="tp-field__error" role="alert" data-testid="summary-error">
              {assistErrorMessage(stream.error, t)}
            </p>
          ) : null}
          <div className="tp-dialog__footer">
            {stream.running ? (
              <Button variant="secondary" onClick={stream.stop} data-testid="summary-stop">
                {t('assist.stop')}
              </Button>
            ) : (
              <Button variant="ghost" onClick={run} data-testid="summary-run">
                {t('assist.again')}
              </Button>
            )}
            <Button onClick={close} data-autofocus>
              {t('handoffs.close')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
