import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OVERSEEING_ROLES,
  type BulkAction,
  type BulkConversationsRequest,
  type BulkConversationsResultDto,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useDirectory } from '../../handoffs/hooks/useDirectory';
import { useBulkAction } from '../hooks/useBulkAction';
import { useBulkSelection } from '../hooks/useBulkSelection';
import { useLabels } from '../hooks/useLabels';
import { bulkSelectionStore, clearBulkSelection } from '../states/bulk-selection.store';
import './labels.css';

const ACTIONS: BulkAction[] = ['assign', 'label', 'unlabel', 'resolve'];

/** What the target select holds: `user:<id>`, `team:<id>` or a label id. */
function requestOf(
  action: BulkAction,
  target: string,
  conversationIds: string[],
): BulkConversationsRequest | null {
  if (action === 'resolve') return { action, conversationIds };
  if (!target) return null;
  if (action === 'assign') {
    const [kind, id] = target.split(':');
    return kind === 'team'
      ? { action, conversationIds, teamId: id }
      : { action, conversationIds, userId: id };
  }
  return { action, conversationIds, labelId: target };
}

/**
 * Shown while conversations of the list are ticked: one action for all of them (assign to a person
 * or team, add or remove a label, resolve). Each conversation goes by the rules of the single
 * action; the bar then says how many were done and why the others were not, and keeps those ticked.
 */
export function BulkBar({ visibleIds }: { visibleIds: readonly string[] }) {
  const { t } = useTranslation();
  const actionId = useId();
  const targetId = useId();
  const { data: me } = useMe();
  const overseer = me ? OVERSEEING_ROLES.includes(me.role) : false;
  const selected = useBulkSelection().filter((id) => visibleIds.includes(id));
  const [action, setAction] = useState<BulkAction>('label');
  const [target, setTarget] = useState('');
  const [result, setResult] = useState<BulkConversationsResultDto | null>(null);
  const bulk = useBulkAction();
  const { data: labels = [] } = useLabels();
  const directory = useDirectory(selected.length > 0 && action === 'assign' && overseer);

  if (selected.length === 0 && !result) return null;

  const request = requestOf(action, target, selected);
  const apply = () => {
    if (!request) return;
    setResult(null);
    bulk.mutate(request, {
      onSuccess: (answer) => {
        setResult(answer);
        const refused = new Set(
          answer.results.filter((r) => r.outcome === 'refused').map((r) => r.conversationId),
        );
        bulkSelectionStore.set((current) => current.filter((id) => refused.has(id)));
      },
    });
  };
  const reasons = [
    ...new Set(result?.results.flatMap((r) => (r.outcome === 'refused' && r.reason) || [])),
  ];

  return (
    <div
      className="tp-bulk-bar"
      role="region"
      aria-label={t('labels.bulk.label')}
      data-testid="bulk-bar"
    >
      {selected.length > 0 ? (
        <div className="tp-bulk-bar__controls">
          <span className="tp-bulk-bar__count" data-testid="bulk-count">
            {t('labels.bulk.selected', { count: selected.length })}
          </span>
          <label htmlFor={actionId} className="tp-visually-hidden">
            {t('labels.bulk.action')}
          </label>
          <select
            id={actionId}
            className="tp-select"
            value={action}
            onChange={(event) => {
              setAction(event.target.value as BulkAction);
              setTarget('');
            }}
            data-testid="bulk-action"
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`labels.bulk.actions.${a}`)}
              </option>
            ))}
          </select>
          {action !== 'resolve' ? (
            <>
              <label htmlFor={targetId} className="tp-visually-hidden">
                {action === 'assign' ? t('labels.bulk.assignTo') : t('labels.bulk.whichLabel')}
              </label>
              <select
                id={targetId}
                className="tp-select"
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                data-testid="bulk-target"
              >
                <option value="">
                  {action === 'assign' ? t('labels.bulk.assignTo') : t('labels.bulk.whichLabel')}
                </option>
                {action === 'assign' ? (
                  <>
                    {me ? <option value={`user:${me.id}`}>{t('labels.bulk.me')}</option> : null}
                    {overseer && directory.data ? (
                      <>
                        <optgroup label={t('labels.bulk.people')}>
                          {directory.data.users
                            .filter((u) => u.id !== me?.id)
                            .map((u) => (
                              <option key={u.id} value={`user:${u.id}`}>
                                {u.name}
                              </option>
                            ))}
                        </optgroup>
                        <optgroup label={t('labels.bulk.teams')}>
                          {directory.data.teams.map((team) => (
                            <option key={team.id} value={`team:${team.id}`}>
                              {t('labels.bulk.teamQueue', { name: team.name })}
                            </option>
                          ))}
                        </optgroup>
                      </>
                    ) : null}
                  </>
                ) : (
                  labels.map((label) => (
                    <option key={label.id} value={label.id}>
                      {label.name}
                    </option>
                  ))
                )}
              </select>
            </>
          ) : null}
          <Button
            onClick={apply}
            disabled={!request}
            busy={bulk.isPending}
            data-testid="bulk-apply"
          >
            {t('labels.bulk.apply')}
          </Button>
          {selected.length < visibleIds.length ? (
            <Button
              variant="ghost"
              onClick={() =>
                bulkSelectionStore.set((current) => [
                  ...current,
                  ...visibleIds.filter((id) => !current.includes(id)),
                ])
              }
              data-testid="bulk-select-all"
            >
              {t('labels.bulk.selectAll', { count: visibleIds.length })}
            </Button>
          ) : null}
          <Button variant="ghost" onClick={clearBulkSelection} data-testid="bulk-clear">
            {t('labels.bulk.clear')}
          </Button>
        </div>
      ) : null}
      {bulk.isError ? (
        <Alert tone="error" data-testid="bulk-error">
          {apiErrorMessage(bulk.error, t)}
        </Alert>
      ) : null}
      {result ? (
        <div role="status" className="tp-bulk-bar__result" data-testid="bulk-result">
          {t('labels.bulk.result', { done: result.done, refused: result.refused })}
          {reasons.length ? (
            <ul className="tp-bulk-bar__reasons">
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
          <Button variant="ghost" onClick={() => setResult(null)} data-testid="bulk-result-close">
            {t('labels.bulk.dismiss')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
