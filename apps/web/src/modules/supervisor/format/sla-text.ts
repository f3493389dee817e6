import type { TFunction } from 'i18next';
import type { BoardSlaDto } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';

/** "First response · due in 12 min", "Resolution · overdue by 2 h", "… · clock paused". */
export function slaText(sla: BoardSlaDto, now: number, t: TFunction): string {
  const metric = t(`supervisor.sla.metric.${sla.metric}`);
  if (!sla.dueAt)
    return `${metric} · ${t(sla.risk === 'breached' ? 'supervisor.sla.overdue' : 'supervisor.sla.paused')}`;
  const left = Date.parse(sla.dueAt) - now;
  const when =
    left <= 0
      ? t('supervisor.sla.overdueBy', { duration: formatDuration(-left, t) })
      : sla.risk === 'breached'
        ? // The server saw the deadline pass; this browser's clock is behind.
          t('supervisor.sla.overdue')
        : t('supervisor.sla.dueIn', { duration: formatDuration(left, t) });
  return `${metric} · ${when}`;
}
