import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDto, ChannelKind, TeamDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import {
  describedBy,
  fieldIds,
  SettingsCheckbox,
  SettingsField,
} from '../../settings/components/SettingsField';
import {
  channelDraft,
  configKey,
  createRequest,
  emptyDraft,
  hasChanges,
  isActive,
  listKey,
  scalarValue,
  serverErrors,
  updateRequest,
  validateDraft,
  type ChannelDraft,
  type FieldErrors,
  type FieldKey,
  type ListRow,
  type ServerErrors,
} from '../format/channel-form';
import { KIND_SPECS, placedFields, type PlacedField } from '../format/channel-kinds';
import { useCreateChannel } from '../hooks/useCreateChannel';
import { useUpdateChannel } from '../hooks/useUpdateChannel';
import { ChannelConfigField } from './ChannelConfigField';
import { ChannelListField } from './ChannelListField';

const NO_ERRORS: ServerErrors = { fields: {}, other: [] };

/** As the schema allows (`createChannelSchema`). */
const NAME_MAX = 120;

export interface ChannelFormProps {
  kind: ChannelKind;
  /** The channel to change; without it a new one is created. */
  channel?: ChannelDto;
  teams: readonly TeamDto[];
  /** Back to the choice of kind (new channels only). */
  onBack?: () => void;
  onCancel: () => void;
  onSaved: (channel: ChannelDto) => void;
}

/**
 * Name, default team and the config of one kind. Checked with the contract's schemas before
 * sending; the server's complaints show at the fields they name. Secrets are never shown: saved
 * ones stay empty here and are sent back as the mask, which keeps them.
 */
export function ChannelForm({ kind, channel, teams, onBack, onCancel, onSaved }: ChannelFormProps) {
  const { t } = useTranslation();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const [draft, setDraft] = useState<ChannelDraft>(() =>
    channel
      ? channelDraft(channel)
      : emptyDraft(
          kind,
          teams.map((team) => team.id),
        ),
  );
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<ServerErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const base = useId();
  const ids = (key: FieldKey) => fieldIds(base, key.replace(/\./g, '-'));
  const spec = KIND_SPECS[kind];
  const fields = placedFields(kind);
  const pending = create.isPending || update.isPending;

  const changes = channel ? updateRequest(draft, channel) : undefined;
  const created = channel ? undefined : createRequest(draft);
  const body = changes ?? created ?? {};
  const dirty = changes ? hasChanges(changes) : true;
  const checked = submitted ? validateDraft(draft, body, t) : NO_ERRORS;
  const errors: FieldErrors = { ...server.fields, ...checked.fields };
  const problems = [...checked.other, ...server.other];
  const invalid = Object.keys(errors).length > 0;

  /** Every field key in the order the form shows them, for the first one to get the focus. */
  const order: FieldKey[] = [
    'name',
    'teamId',
    ...fields
      .filter((field) => isActive(draft, field))
      .flatMap((field) => [
        configKey(field.path),
        ...rowsOf(field).flatMap((_, index) =>
          (field.item ?? []).map((sub) => listKey(field, index, sub.key)),
        ),
      ]),
  ];
  const focusFirst = (found: FieldErrors) => {
    const first = order.find((key) => found[key]);
    if (first) document.getElementById(ids(first).control)?.focus();
  };

  function rowsOf(field: PlacedField): readonly ListRow[] {
    const value = draft.values[field.path];
    return Array.isArray(value) ? (value as readonly ListRow[]) : [];
  }

  /** Drops the server's complaints about `key` (and, with `within`, everything under it). */
  const forget = (key: FieldKey, within = false) => {
    setServer((current) => {
      const stale = Object.keys(current.fields).filter(
        (candidate) => candidate === key || (within && candidate.startsWith(`${key}.`)),
      );
      if (stale.length === 0) return current;
      const next = { ...current.fields };
      for (const candidate of stale) delete next[candidate];
      return { ...current, fields: next };
    });
    setFailure(null);
  };
  const changeBasics = (key: 'name' | 'teamId', value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    forget(key);
  };
  const changeValue = (field: PlacedField, value: string | boolean) => {
    setDraft((current) => ({ ...current, values: { ...current.values, [field.path]: value } }));
    forget(configKey(field.path));
  };
  const changeRows = (field: PlacedField, rows: readonly ListRow[], changed?: FieldKey) => {
    setDraft((current) => ({ ...current, values: { ...current.values, [field.path]: rows } }));
    // Items moved up after a removal: complaints about the old positions no longer fit.
    forget(changed ?? configKey(field.path), changed === undefined);
  };
  const switchGroup = (key: string, on: boolean) => {
    setDraft((current) => ({ ...current, groups: { ...current.groups, [key]: on } }));
    setFailure(null);
  };
  const reveal = (path: string, on: boolean) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (on) next.add(path);
      else next.delete(path);
      return next;
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || !dirty) return;
    setSubmitted(true);
    setServer(NO_ERRORS);
    setFailure(null);
    const found = validateDraft(draft, body, t);
    if (Object.keys(found.fields).length > 0 || found.other.length > 0) {
      focusFirst(found.fields);
      return;
    }
    const onError = (error: ApiError) => {
      const answer = serverErrors(error, kind, t);
      setServer(answer);
      if (Object.keys(answer.fields).length === 0 && answer.other.length === 0) setFailure(error);
      focusFirst(answer.fields);
    };
    if (channel && changes)
      update.mutate({ id: channel.id, body: changes }, { onSuccess: onSaved, onError });
    else if (created) create.mutate(created, { onSuccess: onSaved, onError });
  };

  const configField = (field: PlacedField) =>
    field.input === 'list' ? (
      <ChannelListField
        key={field.path}
        field={field}
        rows={rowsOf(field)}
        ids={ids}
        errors={errors}
        error={errors[configKey(field.path)]}
        onChangeItem={(index, key, value) =>
          changeRows(
            field,
            rowsOf(field).map((row, at) => (at === index ? { ...row, [key]: value } : row)),
            listKey(field, index, key),
          )
        }
        onAdd={() =>
          changeRows(field, [
            ...rowsOf(field),
            Object.fromEntries((field.item ?? []).map((sub) => [sub.key, ''])),
          ])
        }
        onRemove={(index) =>
          changeRows(
            field,
            rowsOf(field).filter((_, at) => at !== index),
          )
        }
      />
    ) : (
      <ChannelConfigField
        key={field.path}
        field={field}
        ids={ids(configKey(field.path))}
        value={scalarValue(draft.values[field.path])}
        onChange={(value) => changeValue(field, value)}
        error={errors[configKey(field.path)]}
        savedSecret={draft.savedSecrets.includes(field.path)}
        revealed={revealed.has(field.path)}
        onReveal={(on) => reveal(field.path, on)}
      />
    );

  return (
    <form
      className="tp-channel-form"
      onSubmit={handleSubmit}
      noValidate
      aria-label={t(`channels.kinds.${kind}`)}
      data-testid="channel-form"
      data-kind={kind}
    >
      <div className="tp-channel-form__kind">
        <span className={`tp-channel-card__icon tp-channel-card__icon--${kind}`}>
          <Icon name={spec.icon} size={22} />
        </span>
        <div>
          <p className="tp-channel-form__kind-name">{t(`channels.kinds.${kind}`)}</p>
          <p className="tp-field__hint" data-testid="channel-form-help">
            {t(`channels.help.${kind}`)}
          </p>
        </div>
      </div>

      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('channels.form.basics')}</legend>
        <SettingsField
          ids={ids('name')}
          label={t('channels.form.name')}
          hint={t('channels.form.nameHint')}
          error={errors['name']}
        >
          <input
            id={ids('name').control}
            className="tp-field__input"
            value={draft.name}
            maxLength={NAME_MAX}
            autoComplete="off"
            required
            // The dialog focuses it on opening; after choosing a kind it mounts on its own.
            data-autofocus
            autoFocus
            onChange={(event) => changeBasics('name', event.target.value)}
            aria-invalid={errors['name'] ? true : undefined}
            aria-describedby={describedBy(ids('name'), true, errors['name'])}
            data-testid="channel-name"
          />
        </SettingsField>
        <SettingsField
          ids={ids('teamId')}
          label={t('channels.form.team')}
          hint={teams.length ? t('channels.form.teamHint') : t('channels.form.noTeams')}
          error={errors['teamId']}
        >
          <select
            id={ids('teamId').control}
            className="tp-select tp-team-form__select"
            value={draft.teamId}
            required
            onChange={(event) => changeBasics('teamId', event.target.value)}
            aria-invalid={errors['teamId'] ? true : undefined}
            aria-describedby={describedBy(ids('teamId'), true, errors['teamId'])}
            data-testid="channel-team"
          >
            {draft.teamId === '' || !teams.some((team) => team.id === draft.teamId) ? (
              <option value={draft.teamId}>{t('channels.form.chooseTeam')}</option>
            ) : null}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </SettingsField>
      </fieldset>

      {spec.fields.length > 0 ? (
        <fieldset className="tp-team-form__group">
          <legend className="tp-team-form__legend">{t('channels.form.settings')}</legend>
          {fields.filter((field) => !field.group).map(configField)}
        </fieldset>
      ) : null}

      {spec.groups.map((group) => {
        const on = !group.toggle || draft.groups[group.key] === true;
        return (
          <fieldset
            key={group.key}
            className="tp-team-form__group"
            data-testid={`channel-group-${group.key}`}
          >
            <legend className="tp-team-form__legend">
              {t(`channels.groups.${group.id}.legend`)}
            </legend>
            {group.toggle ? (
              <SettingsCheckbox
                ids={ids(`group-${group.key}`)}
                label={t(`channels.groupToggles.${group.toggle}`)}
                hint={t(`channels.groups.${group.id}.hint`)}
                checked={on}
                onChange={(checked) => switchGroup(group.key, checked)}
                data-testid={`channel-group-${group.key}-toggle`}
              />
            ) : (
              <p className="tp-field__hint">{t(`channels.groups.${group.id}.hint`)}</p>
            )}
            {on ? fields.filter((field) => field.group === group).map(configField) : null}
          </fieldset>
        );
      })}

      {invalid || problems.length > 0 ? (
        <Alert
          tone="error"
          title={invalid ? t('channels.form.invalid') : t('channels.form.failed')}
          data-testid="channel-form-invalid"
        >
          {problems.length > 0 ? (
            <ul className="tp-team-form__problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {failure ? (
        <Alert tone="error" title={t('channels.form.failed')} data-testid="channel-form-error">
          {apiErrorMessage(failure, t)}
        </Alert>
      ) : null}

      <div className="tp-team-form__footer">
        {channel && !dirty ? (
          <p className="tp-channel-form__unchanged">{t('channels.form.unchanged')}</p>
        ) : null}
        {onBack ? (
          <Button variant="ghost" onClick={onBack} disabled={pending}>
            {t('channels.form.back')}
          </Button>
        ) : (
          <Button variant="ghost" onClick={onCancel}>
            {t('channels.form.cancel')}
          </Button>
        )}
        <Button type="submit" busy={pending} disabled={!dirty} data-testid="channel-form-save">
          {channel ? t('channels.form.save') : t('channels.form.create')}
        </Button>
      </div>
    </form>
  );
}
