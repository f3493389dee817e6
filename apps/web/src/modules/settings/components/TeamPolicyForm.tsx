import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MARKETING_HOLD_POLICIES,
  type MarketingHoldPolicy,
  type TeamDto,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { formatSeconds, policyLimits, type DurationField } from '../format/team-durations';
import {
  hasChanges,
  serverErrors,
  TEAM_FIELDS,
  teamChanges,
  teamDraft,
  validateChanges,
  type FieldErrors,
  type ServerErrors,
  type TeamDraft,
  type TeamField,
} from '../format/team-form';
import { useUpdateTeam } from '../hooks/useUpdateTeam';
import { DurationInput } from './DurationInput';
import { describedBy, fieldIds, SettingsCheckbox, SettingsField } from './SettingsField';
import { SettingsFormEnd } from './SettingsFormEnd';

/** As the schema allows (`createTeamSchema`). */
const DESCRIPTION_MAX = 500;

const NO_SERVER_ERRORS: ServerErrors = { fields: {}, other: [] };

export interface TeamPolicyFormProps {
  team: TeamDto;
  /** Every team, for the fallback picker. */
  teams: readonly TeamDto[];
}

/**
 * Name, description and policy of one team, saved with `PATCH /api/teams/:id` (only what
 * changed). Checked with the contract's schema first; the server's field errors show at their
 * fields. Render it with `key={team.id}`: the draft belongs to one team.
 */
export function TeamPolicyForm({ team, teams }: TeamPolicyFormProps) {
  const { t } = useTranslation();
  const update = useUpdateTeam();
  const [draft, setDraft] = useState<TeamDraft>(() => teamDraft(team));
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<ServerErrors>(NO_SERVER_ERRORS);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const base = useId();
  const ids = (field: TeamField) => fieldIds(base, field);

  const changes = teamChanges(draft, team);
  const dirty = hasChanges(changes);
  const errors: FieldErrors = {
    ...server.fields,
    ...(submitted ? validateChanges(changes, t) : {}),
  };
  const invalid = Object.keys(errors).length > 0;

  const focusFirst = (found: FieldErrors) => {
    const first = TEAM_FIELDS.find((field) => found[field]);
    if (first) document.getElementById(ids(first).control)?.focus();
  };

  const change = <F extends TeamField>(
    field: F,
    value: TeamDraft[F],
    also?: Partial<TeamDraft>,
  ) => {
    setDraft((current) => ({ ...current, ...also, [field]: value }));
    setServer((current) => {
      if (!current.fields[field]) return current;
      const fields = { ...current.fields };
      delete fields[field];
      return { ...current, fields };
    });
    setSaved(false);
    setFailure(null);
  };

  const reset = () => {
    setDraft(teamDraft(team));
    setSubmitted(false);
    setServer(NO_SERVER_ERRORS);
    setFailure(null);
    setSaved(false);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending || !dirty) return;
    setSubmitted(true);
    setSaved(false);
    setFailure(null);
    setServer(NO_SERVER_ERRORS);
    const found = validateChanges(changes, t);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    update.mutate(
      { id: team.id, body: changes },
      {
        onSuccess: (next) => {
          setDraft(teamDraft(next));
          setSubmitted(false);
          setSaved(true);
        },
        onError: (error) => {
          const answer = serverErrors(error);
          setServer(answer);
          if (Object.keys(answer.fields).length === 0 && answer.other.length === 0)
            setFailure(error);
          focusFirst(answer.fields);
        },
      },
    );
  };

  const duration = (field: DurationField, label: string, hint: string) => (
    <SettingsField ids={ids(field)} label={label} hint={hint} error={errors[field]}>
      <DurationInput
        field={field}
        ids={ids(field)}
        label={label}
        value={draft[field]}
        onChange={(value) => change(field, value)}
        error={errors[field]}
      />
    </SettingsField>
  );
  const range = (field: DurationField) => {
    const { min, max } = policyLimits(field);
    return { min: formatSeconds(min, t), max: formatSeconds(max, t) };
  };
  const capacity = policyLimits('maxOpenPerAgent');

  return (
    <form
      className="tp-team-form"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby={`${base}-title`}
      data-testid="team-form"
    >
      <h4 id={`${base}-title`} className="tp-team-detail__subtitle">
        {t('settings.form.title', { team: team.name })}
      </h4>

      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('settings.form.basics')}</legend>
        <SettingsField ids={ids('name')} label={t('settings.form.name')} error={errors.name}>
          <input
            id={ids('name').control}
            className="tp-field__input"
            value={draft.name}
            onChange={(event) => change('name', event.target.value)}
            autoComplete="off"
            required
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(ids('name'), false, errors.name)}
            data-testid="team-name"
          />
        </SettingsField>
        <SettingsField
          ids={ids('description')}
          label={t('settings.form.description')}
          hint={t('settings.form.descriptionHint')}
          error={errors.description}
        >
          <textarea
            id={ids('description').control}
            className="tp-field__input tp-team-form__description"
            rows={2}
            maxLength={DESCRIPTION_MAX}
            value={draft.description}
            onChange={(event) => change('description', event.target.value)}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy(ids('description'), true, errors.description)}
            data-testid="team-description"
          />
        </SettingsField>
      </fieldset>

      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('settings.form.handoffs')}</legend>
        {duration(
          'consultAcceptSeconds',
          t('settings.form.consultAccept'),
          t('settings.form.consultAcceptHint', range('consultAcceptSeconds')),
        )}
        {duration(
          'consultAnswerSeconds',
          t('settings.form.consultAnswer'),
          t('settings.form.consultAnswerHint', range('consultAnswerSeconds')),
        )}
        {duration(
          'participantGraceSeconds',
          t('settings.form.participantGrace'),
          t('settings.form.participantGraceHint', range('participantGraceSeconds')),
        )}
        <SettingsCheckbox
          ids={ids('specialistsMayReply')}
          label={t('settings.form.specialistsMayReply')}
          hint={t('settings.form.specialistsMayReplyHint')}
          checked={draft.specialistsMayReply}
          onChange={(checked) => change('specialistsMayReply', checked)}
          error={errors.specialistsMayReply}
          data-testid="team-specialistsMayReply"
        />
        <SettingsField
          ids={ids('fallbackTeamId')}
          label={t('settings.form.fallbackTeam')}
          hint={t('settings.form.fallbackTeamHint')}
          error={errors.fallbackTeamId}
        >
          <select
            id={ids('fallbackTeamId').control}
            className="tp-select tp-team-form__select"
            value={draft.fallbackTeamId}
            onChange={(event) => change('fallbackTeamId', event.target.value)}
            aria-invalid={errors.fallbackTeamId ? true : undefined}
            aria-describedby={describedBy(ids('fallbackTeamId'), true, errors.fallbackTeamId)}
            data-testid="team-fallbackTeamId"
          >
            <option value="">{t('settings.form.noFallback')}</option>
            {teams
              .filter((other) => other.id !== team.id)
              .map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
          </select>
        </SettingsField>
      </fieldset>

      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('settings.form.assignment')}</legend>
        <SettingsCheckbox
          ids={ids('autoAssign')}
          label={t('settings.form.autoAssign')}
          hint={t('settings.form.autoAssignHint')}
          checked={draft.autoAssign}
          // Off again: capacity is not used, so it returns to what is saved.
          onChange={(checked) =>
            change(
              'autoAssign',
              checked,
              checked ? undefined : { maxOpenPerAgent: String(team.maxOpenPerAgent) },
            )
          }
          error={errors.autoAssign}
          data-testid="team-autoAssign"
        />
        <SettingsField
          ids={ids('maxOpenPerAgent')}
          label={t('settings.form.maxOpenPerAgent')}
          hint={
            draft.autoAssign
              ? t('settings.form.maxOpenPerAgentHint', capacity)
              : t('settings.form.maxOpenPerAgentOff')
          }
          error={draft.autoAssign ? errors.maxOpenPerAgent : undefined}
        >
          <input
            id={ids('maxOpenPerAgent').control}
            type="number"
            inputMode="numeric"
            className="tp-field__input tp-team-form__number"
            min={capacity.min}
            max={capacity.max}
            step={1}
            value={draft.maxOpenPerAgent}
            disabled={!draft.autoAssign}
            onChange={(event) => change('maxOpenPerAgent', event.target.value)}
            aria-invalid={draft.autoAssign && errors.maxOpenPerAgent ? true : undefined}
            aria-describedby={describedBy(
              ids('maxOpenPerAgent'),
              true,
              draft.autoAssign ? errors.maxOpenPerAgent : undefined,
            )}
            data-testid="team-maxOpenPerAgent"
          />
        </SettingsField>
      </fieldset>

      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('settings.form.leads')}</legend>
        <SettingsCheckbox
          ids={ids('receivesLeads')}
          label={t('settings.form.receivesLeads')}
          hint={t('settings.form.receivesLeadsHint')}
          checked={draft.receivesLeads}
          onChange={(checked) => change('receivesLeads', checked)}
          error={errors.receivesLeads}
          data-testid="team-receivesLeads"
        />
      </fieldset>

      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('settings.form.marketing')}</legend>
        <SettingsField
          ids={ids('holdsMarketing')}
          label={t('settings.form.holdsMarketing')}
          hint={t('settings.form.holdsMarketingHint')}
          error={errors.holdsMarketing}
        >
          <select
            id={ids('holdsMarketing').control}
            className="tp-select tp-team-form__select"
            value={draft.holdsMarketing}
            onChange={(event) =>
              change('holdsMarketing', event.target.value as MarketingHoldPolicy)
            }
            aria-invalid={errors.holdsMarketing ? true : undefined}
            aria-describedby={describedBy(ids('holdsMarketing'), true, errors.holdsMarketing)}
            data-testid="team-holdsMarketing"
          >
            {MARKETING_HOLD_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {t(`settings.form.holdsMarketingOptions.${policy}`)}
              </option>
            ))}
          </select>
        </SettingsField>
      </fieldset>

      {invalid ? (
        <Alert tone="error" data-testid="team-form-invalid">
          {t('settings.form.invalid')}
          {server.other.length > 0 ? (
            <ul className="tp-team-form__problems">
              {server.other.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {!invalid && server.other.length > 0 ? (
        <Alert tone="error" title={t('settings.form.failed')} data-testid="team-form-error">
          <ul className="tp-team-form__problems">
            {server.other.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <SettingsFormEnd
        testId="team-form"
        failure={failure}
        savedText={saved ? t('settings.form.saved') : null}
        dirty={dirty}
        pending={update.isPending}
        onReset={reset}
        resetLabel={t('settings.form.reset')}
        saveLabel={t('settings.form.save')}
      />
    </form>
  );
}
