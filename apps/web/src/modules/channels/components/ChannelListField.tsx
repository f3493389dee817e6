import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { describedBy, SettingsField, type FieldIds } from '../../settings/components/SettingsField';
import { listKey, type FieldErrors, type FieldKey, type ListRow } from '../format/channel-form';
import type { PlacedField } from '../format/channel-kinds';

export interface ChannelListFieldProps {
  field: PlacedField;
  rows: readonly ListRow[];
  ids: (key: FieldKey) => FieldIds;
  errors: FieldErrors;
  /** A complaint about the list as a whole (too many items). */
  error?: string;
  onChangeItem: (index: number, key: string, value: string) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}

/** A config value that is a list of objects (WhatsApp templates): one group of texts per item. */
export function ChannelListField({
  field,
  rows,
  ids,
  errors,
  error,
  onChangeItem,
  onAdd,
  onRemove,
}: ChannelListFieldProps) {
  const { t } = useTranslation();
  const own = ids(`config.${field.path}`);
  const name = t(`channels.fields.${field.label}`);
  const texts = field.list;
  if (!texts) return null;
  return (
    <fieldset
      className="tp-channel-list"
      aria-describedby={describedBy(own, Boolean(field.hint), error)}
      data-testid={`channel-config-${field.path}`}
    >
      <legend className="tp-field__label">
        {field.optional ? `${name} ${t('channels.form.optional')}` : name}
      </legend>
      {field.hint ? (
        <p id={own.hint} className="tp-field__hint">
          {t(`channels.hints.${field.hint}`)}
        </p>
      ) : null}
      {error ? (
        <p id={own.error} className="tp-field__error">
          {error}
        </p>
      ) : null}
      {rows.map((row, index) => {
        const n = index + 1;
        return (
          <div
            key={index}
            className="tp-channel-list__item"
            role="group"
            aria-label={t(`channels.lists.${texts}.item`, { n })}
          >
            <p className="tp-channel-list__title" aria-hidden="true">
              {t(`channels.lists.${texts}.item`, { n })}
            </p>
            {(field.item ?? []).map((sub) => {
              const key = listKey(field, index, sub.key);
              const cell = ids(key);
              const common = {
                id: cell.control,
                className: 'tp-field__input',
                value: row[sub.key] ?? '',
                spellCheck: sub.multiline === true,
                'aria-invalid': errors[key] ? true : undefined,
                'aria-describedby': describedBy(cell, false, errors[key]),
              };
              return (
                <SettingsField
                  key={sub.key}
                  ids={cell}
                  label={t(`channels.fields.${sub.label}`)}
                  error={errors[key]}
                >
                  {sub.multiline ? (
                    <textarea
                      {...common}
                      rows={3}
                      onChange={(event) => onChangeItem(index, sub.key, event.target.value)}
                    />
                  ) : (
                    <input
                      {...common}
                      autoComplete="off"
                      onChange={(event) => onChangeItem(index, sub.key, event.target.value)}
                    />
                  )}
                </SettingsField>
              );
            })}
            <div>
              <Button
                variant="ghost"
                aria-label={t(`channels.lists.${texts}.removeLabel`, { n })}
                onClick={() => onRemove(index)}
              >
                {t(`channels.lists.${texts}.remove`)}
              </Button>
            </div>
          </div>
        );
      })}
      <div>
        <Button variant="secondary" onClick={onAdd}>
          {t(`channels.lists.${texts}.add`)}
        </Button>
      </div>
    </fieldset>
  );
}
