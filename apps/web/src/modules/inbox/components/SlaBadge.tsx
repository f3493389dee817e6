import { useTranslation } from 'react-i18next';
import type { ConversationSlaDto } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { useNow } from '../hooks/useNow';

/** How a running SLA target stands at `now`; null when there is nothing to show (paused). */
export function slaBadgeState(
  sla: ConversationSlaDto | null,
  now: number,
): { risk: 'ok' | 'at_risk' | 'breached'; ms: number } | null {
  if (!sla) return null;
  const due = sla.dueAt ? Date.parse(sla.dueAt) : null;
  if (sla.breachedAt || (due !== null && due <= now))
    return { risk: 'breached', ms: due !== null ? now - due : 0 };
  if (due === null) return null;
  const risk = sla.riskAt && Date.parse(sla.riskAt) <= now ? 'at_risk' : 'ok';
  return { risk, ms: due - now };
}

/**
 * The conversation's most urgent SLA target in the list: the time left, amber when close to it,
 * red once overdue. Nothing while the clock stands still (pending, snoozed) unless it is overdue.
 */
export function SlaBadge({ sla }: { sla: ConversationSlaDto | null }) {
  const { t } = useTranslation();
  const now = useNow();
  const state = slaBadgeState(sla, now);
  if (!sla || !state) return null;
  const metric = t(`supervisor.sla.metric.${sla.metric}`);
  const text =
    state.risk === 'breached'
      ? state.ms > 0
        ? t('inbox.sla.overdueBy', { duration: formatDuration(state.ms, t) })
        : t('inbox.sla.overdue')
      : t('inbox.sla.dueIn', { duration: formatDuration(state.ms, t) });
  return (
    <span
      className={`tp-sla-badge tp-sla-badge--${state.risk}`}
      data-testid="sla-badge"
      data-risk={state.risk}
      title={metric}
    >
      <span className="tp-visually-hidden">{metric}: </span>
      {text}
    </span>
  );
}
