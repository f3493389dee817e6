import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The quoted earlier mails under a reply, hidden behind "…" until asked for. */
export function QuotedHistory({ text }: { text: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="tp-quoted">
      <button
        type="button"
        className="tp-quoted__toggle"
        aria-expanded={open}
        aria-controls={id}
        aria-label={open ? t('inbox.thread.hideQuoted') : t('inbox.thread.showQuoted')}
        title={open ? t('inbox.thread.hideQuoted') : t('inbox.thread.showQuoted')}
        onClick={() => setOpen((value) => !value)}
      >
        …
      </button>
      <div id={id} className="tp-quoted__text" hidden={!open} data-testid="quoted-history">
        {text}
      </div>
    </div>
  );
}
