import { useTranslation } from 'react-i18next';
import type { MarketingHoldDto } from '@touchpoint/shared';
import { currentLocale } from '../../../lib/i18n';
import './marketing-hold.css';

/**
 * "On hold for marketing since …": the customer has an unresolved support conversation, so
 * marketing leaves them alone; the tooltip says why and how it ends. Nothing while there is no hold.
 */
export function MarketingHoldBadge({ hold }: { hold: MarketingHoldDto | null }) {
  const { t, i18n } = useTranslation();
  if (!hold) return null;
  const date = new Intl.DateTimeFormat(currentLocale(i18n), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(hold.since));
  const why = t('marketing.hold.why', { count: hold.conversationIds.length });
  return (
    <p className="tp-marketing-hold" title={why} data-testid="marketing-hold">
      <time dateTime={hold.since}>{t('marketing.hold.badge', { date })}</time>
      <span className="tp-visually-hidden"> {why}</span>
    </p>
  );
}
