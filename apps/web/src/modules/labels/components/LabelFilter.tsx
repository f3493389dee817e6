import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../hooks/useLabels';

export interface LabelFilterProps {
  value: string | undefined;
  onChange: (labelId: string | undefined) => void;
}

/** Narrows the conversation list to one label; hidden while the workspace has none. */
export function LabelFilter({ value, onChange }: LabelFilterProps) {
  const { t } = useTranslation();
  const id = useId();
  const { data: labels } = useLabels();
  if (!labels?.length && !value) return null;
  return (
    <div className="tp-label-filter">
      <label htmlFor={id}>{t('labels.filter')}</label>
      <select
        id={id}
        className="tp-select"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
        data-testid="label-filter"
      >
        <option value="">{t('labels.anyLabel')}</option>
        {(labels ?? []).map((label) => (
          <option key={label.id} value={label.id}>
            {label.name}
          </option>
        ))}
      </select>
    </div>
  );
}
