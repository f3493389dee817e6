import { useTranslation } from 'react-i18next';
import './lead.css';

/** "Lead": the conversation was marked as a sales lead (in lists, the thread and handoff cards). */
export function LeadBadge({ leadAt }: { leadAt: string | null }) {
  const { t } = useTranslation();
  if (!leadAt) return null;
  return (
    <span
      className="tp-lead-badge"
      title={t('handoffs.lead.badgeHint', { at: new Date(leadAt).toLocaleString() })}
      data-testid="lead-badge"
    >
      {t('handoffs.lead.badge')}
    </span>
  );
}
