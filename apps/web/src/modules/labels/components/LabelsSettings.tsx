import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERSEEING_ROLES, type LabelDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { SettingsSection } from '../../../ui/SettingsSection';
import { TextField } from '../../../ui/TextField';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useLabelChanges } from '../hooks/useLabelChanges';
import { useLabels } from '../hooks/useLabels';
import { LabelChip } from './LabelChips';
import './labels.css';

const DEFAULT_COLOR = '#0969da';

function LabelRow({ label }: { label: LabelDto }) {
  const { t } = useTranslation();
  const { update, remove } = useLabelChanges();
  return (
    <li className="tp-label-settings__row" data-testid="label-row">
      <LabelChip label={label} />
      <input
        type="color"
        value={label.color}
        aria-label={t('labels.settings.colorOf', { name: label.name })}
        onChange={(event) => update.mutate({ id: label.id, body: { color: event.target.value } })}
      />
      <Button
        variant="ghost"
        onClick={() => remove.mutate(label.id)}
        busy={remove.isPending}
        data-testid="label-delete"
      >
        {t('labels.settings.delete')}
      </Button>
      {update.isError || remove.isError ? (
        <span role="alert">{apiErrorMessage((update.error ?? remove.error)!, t)}</span>
      ) : null}
    </li>
  );
}

/** Supervisors and admins keep the workspace's labels: name and colour (others see nothing). */
export function LabelsSettings() {
  const { data: me } = useMe();
  return me && OVERSEEING_ROLES.includes(me.role) ? <LabelsEditor /> : null;
}

function LabelsEditor() {
  const { t } = useTranslation();
  const { data: labels = [] } = useLabels();
  const { create } = useLabelChanges();
  const [name, setName] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, color }, { onSuccess: () => setName('') });
  };

  return (
    <SettingsSection
      title={t('labels.settings.title')}
      intro={t('labels.settings.intro')}
      data-testid="labels-settings"
    >
      {labels.length ? (
        <ul className="tp-label-settings">
          {labels.map((label) => (
            <LabelRow key={label.id} label={label} />
          ))}
        </ul>
      ) : (
        <p>{t('labels.settings.empty')}</p>
      )}
      <form className="tp-label-settings__row" onSubmit={submit}>
        <TextField
          label={t('labels.settings.name')}
          name="label-name"
          value={name}
          maxLength={40}
          onChange={(event) => setName(event.target.value)}
          required
        />
        <label>
          {t('labels.settings.color')}{' '}
          <input type="color" value={color} onChange={(event) => setColor(event.target.value)} />
        </label>
        <Button type="submit" busy={create.isPending} data-testid="label-create">
          {t('labels.settings.create')}
        </Button>
      </form>
      {create.isError ? <Alert tone="error">{apiErrorMessage(create.error, t)}</Alert> : null}
    </SettingsSection>
  );
}
