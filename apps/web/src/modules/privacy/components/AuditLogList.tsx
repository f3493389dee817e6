import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditLogEntryDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { EmptyState } from '../../../ui/EmptyState';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import { useAuditLog } from '../hooks/useAuditLog';
import './privacy.css';

/**
 * The figures an entry carries, as words ("1 conversation, 4 messages, 1 attachment"); for a goal,
 * its name and target (and the target before a change).
 */
export function auditFigures(entry: AuditLogEntryDto, t: TFunction, language: string): string {
  if (entry.subjectType === 'goal') {
    const { name, kind, target, before } = entry.details as {
      name?: string;
      kind?: string;
      target?: number;
      before?: { target?: number };
    };
    // A mean rating stays a number; every other target is a share.
    const format = (value: number) =>
      new Intl.NumberFormat(language, {
        style: kind === 'csat_average' ? 'decimal' : 'percent',
        maximumFractionDigits: 1,
      }).format(value);
    const from = before?.target;
    const moved = from !== undefined && from !== target;
    return [
      name,
      target === undefined
        ? null
        : moved
          ? t('privacy.audit.targetMoved', { from: format(from), to: format(target) })
          : t('privacy.audit.target', { target: format(target) }),
    ]
      .filter(Boolean)
      .join(', ');
  }
  const figure = (key: 'conversations' | 'messages' | 'attachments') => {
    const count = entry.details[key];
    return typeof count === 'number' ? t(`privacy.audit.${key}`, { count }) : null;
  };
  return [figure('conversations'), figure('messages'), figure('attachments')]
    .filter(Boolean)
    .join(', ');
}

/** Settings → Audit log (admins): every export, erasure and goal change, newest first, who and when. */
export function AuditLogList() {
  const { t, i18n } = useTranslation();
  const log = useAuditLog();
  let content;
  if (log.isPending) {
    content = <Skeleton rows={3} label={t('privacy.audit.loading')} />;
  } else if (log.isError) {
    content = (
      <RetryAlert
        title={t('privacy.audit.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void log.refetch()}
      >
        {apiErrorMessage(log.error, t)}
      </RetryAlert>
    );
  } else {
    const entries = log.data.pages.flatMap((page) => page.items);
    content = entries.length ? (
      <>
        <table className="tp-audit-log" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">{t('privacy.audit.when')}</th>
              <th scope="col">{t('privacy.audit.who')}</th>
              <th scope="col">{t('privacy.audit.what')}</th>
              <th scope="col">{t('privacy.audit.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-entry">
                <td>{new Date(entry.createdAt).toLocaleString(i18n.language)}</td>
                <td>{entry.actor?.name || t('privacy.audit.unknownActor')}</td>
                <td>
                  {t(`privacy.audit.actions.${entry.action}`)}
                  <br />
                  <span className="tp-field__hint">{auditFigures(entry, t, i18n.language)}</span>
                </td>
                <td>
                  {entry.subjectType === 'goal' ? (
                    <Link to="/goals">{t('privacy.audit.goal')}</Link>
                  ) : (
                    <Link to={`/contacts/${entry.subjectId}`}>{t('privacy.audit.contact')}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <LoadMoreButton query={log} testId="audit-log-more" />
      </>
    ) : (
      <EmptyState icon="search" title={t('privacy.audit.empty')} data-testid="audit-log-empty" />
    );
  }
  return (
    <SettingsSection
      title={t('privacy.audit.title')}
      intro={t('privacy.audit.intro')}
      data-testid="settings-audit-log"
    >
      {content}
    </SettingsSection>
  );
}
