import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useHandoffList } from '../hooks/useHandoffList';

/** The inbox's way to the handoff queue, with how many handoffs wait for the user's teams or them. */
export function HandoffQueueLink() {
  const { t } = useTranslation();
  const queue = useHandoffList({ view: 'queue' });
  const count = queue.data?.length;
  return (
    <Link to="/handoffs" className="tp-views__item" data-testid="inbox-handoffs">
      <span className="tp-views__label">{t('handoffs.queueLink')}</span>
      {count !== undefined && count > 0 ? (
        <>
          <span className="tp-badge" aria-hidden="true">
            {count}
          </span>
          <span className="tp-visually-hidden">, {t('handoffs.page.count', { count })}</span>
        </>
      ) : null}
    </Link>
  );
}
