import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon';

export function NoConversationSelected() {
  const { t } = useTranslation();
  return (
    <section className="tp-inbox__thread tp-thread tp-thread--empty" aria-labelledby="no-thread">
      <div className="tp-empty">
        <Icon name="chat" size={32} />
        <h2 id="no-thread" className="tp-empty__title">
          {t('inbox.thread.select')}
        </h2>
        <p className="tp-empty__hint">{t('inbox.thread.selectHint')}</p>
      </div>
    </section>
  );
}
