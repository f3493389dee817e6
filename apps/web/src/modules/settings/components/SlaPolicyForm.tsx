import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNEL_KINDS,
  CONVERSATION_PRIORITIES,
  type SlaPolicyDto,
  type TeamDto,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import {
  CONSULT_TARGETS,
  emptySlaPolicy,
  freeScope,
  isDefaultPolicy,
  POLICY_TARGETS,
  SLA_LIMITS,
  SLA_TARGETS,
  SLA_UNITS,
  slaPoliciesBody,
  slaPoliciesChanged,
  slaPolicyDrafts,
  slaServerErrors,
  validateSlaPolicies,
  type SlaPolicyDraft,
  type SlaServerErrors,
  type SlaTarget,
  TARGET_LIMITS,
} from '../format/sla-policy-form';
import { formatSeconds } from '../format/team-durations';
import { useSaveSlaPolicies } from '../hooks/useSaveSlaPolicies';
import { useTeamSlaPolicies } from '../hooks/useTeamSlaPolicies';
import { DurationInput } from './DurationInput';
import { describedBy, fieldIds, SettingsField } from './SettingsField';
import './sla-settings.css';
import { SettingsFormEnd } from './SettingsFormEnd';

/**
 * A team's SLA policies: a default for all its conversations and optional ones per channel and/or
 * priority, each with first response, next response and resolution targets and the targets of
 * consults to the team, in business time. Saved as a whole list.
 */
export function SlaPolicyForm({ team }: { team: TeamDto }) {
  const { t } = useTranslation();
  const policies = useTeamSlaPolicies(team.id);
  const titleId = useId();

  let content;
  if (policies.isPending) {
    content = <Skeleton rows={2} label={t('settings.sla.loading')} />;
  } else if (policies.isError) {
    content = (
      <RetryAlert
        title={t('settings.sla.error')}
        retryLabel={t('settings.sla.retry')}
        onRetry={() => void policies.refetch()}
      >
        {apiErrorMessage(policies.error, t)}
      </RetryAlert>
    );
  } else {
    content = <SlaPolicyEditor team={team} saved={policies.data.policies} />;
  }

  return (
    <section className="tp-team-form" aria-labelledby={titleId} data-testid="sla-policies">
      <h4 id={titleId} className="tp-team-detail__subtitle">
        {t('settings.sla.title')}
      </h4>
      <p className="tp-field__hint">
        {t('settings.sla.intro', {
          min: formatSeconds(SLA_LIMITS.min, t),
          max: formatSeconds(SLA_LIMITS.max, t),
        })}
      </p>
      {content}
    </section>
  );
}

const NO_SERVER_ERRORS: SlaServerErrors = { fields: {}, other: [] };

const TARGET_LABELS = {
  firstResponseSeconds: 'settings.sla.firstResponse',
  nextResponseSeconds: 'settings.sla.nextResponse',
  resolutionSeconds: 'settings.sla.resolution',
  consultAcceptSeconds: 'settings.sla.consultAccept',
  consultAnswerSeconds: 'settings.sla.consultAnswer',
} as const satisfies Record<SlaTarget, string>;

function SlaPolicyEditor({ team, saved }: { team: TeamDto; saved: SlaPolicyDto[] }) {
  const { t } = useTranslation();
  const teamId = team.id;
  const save = useSaveSlaPolicies();
  const [rows, setRows] = useState<SlaPolicyDraft[]>(() => slaPolicyDrafts(saved));
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<SlaServerErrors>(NO_SERVER_ERRORS);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const base = useId();
  const ids = (key: string) => fieldIds(base, key.replaceAll('.', '-'));

  const dirty = slaPoliciesChanged(rows, saved);
  const errors = {
    ...server.fields,
    ...(submitted ? validateSlaPolicies(rows, t) : {}),
  };
  const invalid = Object.keys(errors).length > 0;

  /** The keys a problem can be shown at, in the order of the form (for the focus). */
  const order = rows.flatMap((row) => [
    row.key,
    `${row.key}.channelKind`,
    `${row.key}.priority`,
    ...POLICY_TARGETS.map((target) => `${row.key}.${target}`),
  ]);
  const controlOf = (key: string) =>
    // A problem of a whole row shows at its channel picker (the default row has none).
    ids(key.includes('.') ? key : `${key}.channelKind`).control;
  const focusFirst = (found: Record<string, string>) => {
    const first = order.find((key) => found[key]);
    if (!first) return;
    const control =
      document.getElementById(controlOf(first)) ??
      document.getElementById(ids(`${first}.${SLA_TARGETS[0]}`).control);
    control?.focus();
  };

  const update = (key: string, field: string, next: Partial<SlaPolicyDraft>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...next } : row)));
    setServer((current) => {
      const stale = [`${key}.${field}`, key].filter((known) => current.fields[known]);
      if (stale.length === 0) return current;
      const fields = { ...current.fields };
      for (const known of stale) delete fields[known];
      return { ...current, fields };
    });
    setDone(false);
    setFailure(null);
  };

  const addRow = () => {
    setRows((current) => {
      const scope = freeScope(current);
      return [...current, emptySlaPolicy(scope.channelKind, scope.priority)];
    });
    setDone(false);
  };
  const removeRow = (key: string) => {
    setRows((current) => current.filter((row) => row.key !== key));
    setDone(false);
  };

  const reset = () => {
    setRows(slaPolicyDrafts(saved));
    setSubmitted(false);
    setServer(NO_SERVER_ERRORS);
    setFailure(null);
    setDone(false);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending || !dirty) return;
    setSubmitted(true);
    setDone(false);
    setFailure(null);
    setServer(NO_SERVER_ERRORS);
    const found = validateSlaPolicies(rows, t);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    const { body, keys } = slaPoliciesBody(rows);
    save.mutate(
      { teamId, body },
      {
        onSuccess: (next) => {
          setRows(slaPolicyDrafts(next.policies));
          setSubmitted(false);
          setDone(true);
        },
        onError: (error) => {
          const answer = slaServerErrors(error, keys);
          setServer(answer);
          if (Object.keys(answer.fields).length === 0 && answer.other.length === 0)
            setFailure(error);
          focusFirst(answer.fields);
        },
      },
    );
  };

  const scopeName = (row: SlaPolicyDraft) =>
    t('settings.sla.scope', {
      channel: row.channelKind
        ? t(`inbox.channelKinds.${row.channelKind}`)
        : t('settings.sla.anyChannel'),
      priority: row.priority ? t(`inbox.priority.${row.priority}`) : t('settings.sla.anyPriority'),
    });

  const targetField = (row: SlaPolicyDraft, index: number, target: SlaTarget) => {
    const targetIds = ids(`${row.key}.${target}`);
    const label = t(TARGET_LABELS[target]);
    const error = errors[`${row.key}.${target}`];
    return (
      <SettingsField key={target} ids={targetIds} label={label} error={error}>
        <DurationInput
          units={SLA_UNITS}
          limits={TARGET_LIMITS[target]}
          testId={`sla-${index}-${target}`}
          ids={targetIds}
          label={label}
          value={row[target]}
          onChange={(value) => update(row.key, target, { [target]: value })}
          error={error}
        />
      </SettingsField>
    );
  };

  const policyRow = (row: SlaPolicyDraft, index: number) => {
    // The first row is the team's default; it has no scope to pick and stays.
    const isDefault = index === 0 && isDefaultPolicy(row);
    const kindIds = ids(`${row.key}.channelKind`);
    const priorityIds = ids(`${row.key}.priority`);
    const rowError = errors[row.key];
    const kindError = errors[`${row.key}.channelKind`] ?? rowError;
    return (
      <fieldset
        key={row.key}
        className="tp-team-form__group tp-sla-policy"
        data-testid="sla-policy"
        data-default={isDefault ? 'true' : undefined}
      >
        <legend className="tp-team-form__legend">
          {isDefault ? t('settings.sla.default') : scopeName(row)}
        </legend>
        {isDefault ? (
          <p className="tp-field__hint">{t('settings.sla.defaultHint')}</p>
        ) : (
          <div className="tp-sla-policy__scope">
            <SettingsField ids={kindIds} label={t('settings.sla.channel')} error={kindError}>
              <select
                id={kindIds.control}
                className="tp-select tp-team-form__select"
                value={row.channelKind}
                onChange={(event) =>
                  update(row.key, 'channelKind', {
                    channelKind: CHANNEL_KINDS.find((kind) => kind === event.target.value) ?? '',
                  })
                }
                aria-invalid={kindError ? true : undefined}
                aria-describedby={describedBy(kindIds, false, kindError)}
                data-testid={`sla-${index}-channelKind`}
              >
                <option value="">{t('settings.sla.anyChannel')}</option>
                {CHANNEL_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`inbox.channelKinds.${kind}`)}
                  </option>
                ))}
              </select>
            </SettingsField>
            <SettingsField
              ids={priorityIds}
              label={t('settings.sla.priority')}
              error={errors[`${row.key}.priority`]}
            >
              <select
                id={priorityIds.control}
                className="tp-select tp-team-form__select"
                value={row.priority}
                onChange={(event) =>
                  update(row.key, 'priority', {
                    priority:
                      CONVERSATION_PRIORITIES.find((level) => level === event.target.value) ?? '',
                  })
                }
                aria-invalid={errors[`${row.key}.priority`] ? true : undefined}
                aria-describedby={describedBy(priorityIds, false, errors[`${row.key}.priority`])}
                data-testid={`sla-${index}-priority`}
              >
                <option value="">{t('settings.sla.anyPriority')}</option>
                {CONVERSATION_PRIORITIES.map((level) => (
                  <option key={level} value={level}>
                    {t(`inbox.priority.${level}`)}
                  </option>
                ))}
              </select>
            </SettingsField>
            <Button
              variant="ghost"
              className="tp-sla-policy__remove"
              onClick={() => removeRow(row.key)}
              aria-label={t('settings.sla.removePolicy', { name: scopeName(row) })}
              data-testid={`sla-${index}-remove`}
            >
              {t('settings.sla.remove')}
            </Button>
          </div>
        )}
        {isDefault && rowError ? <p className="tp-field__error">{rowError}</p> : null}
        <div className="tp-sla-policy__targets">
          {SLA_TARGETS.map((target) => targetField(row, index, target))}
        </div>
        <p className="tp-field__hint">
          {t(isDefault ? 'settings.sla.consultDefaultHint' : 'settings.sla.consultHint', {
            accept: formatSeconds(team.consultAcceptSeconds, t),
            answer: formatSeconds(team.consultAnswerSeconds, t),
          })}
        </p>
        <div className="tp-sla-policy__targets">
          {CONSULT_TARGETS.map((target) => targetField(row, index, target))}
        </div>
      </fieldset>
    );
  };

  return (
    <form
      className="tp-sla-policies"
      onSubmit={handleSubmit}
      noValidate
      aria-label={t('settings.sla.title')}
      data-testid="sla-policy-form"
    >
      {rows.map(policyRow)}
      <div>
        <Button variant="secondary" onClick={addRow} data-testid="sla-add-policy">
          {t('settings.sla.addPolicy')}
        </Button>
      </div>

      {invalid || server.other.length > 0 ? (
        <Alert tone="error" data-testid="sla-policies-invalid">
          {invalid ? t('settings.form.invalid') : null}
          {server.other.length > 0 ? (
            <ul className="tp-team-form__problems">
              {server.other.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <SettingsFormEnd
        testId="sla-policies"
        failure={failure}
        savedText={done ? t('settings.sla.saved') : null}
        dirty={dirty}
        pending={save.isPending}
        onReset={reset}
        resetLabel={t('settings.sla.reset')}
        saveLabel={t('settings.sla.save')}
      />
    </form>
  );
}
