import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { renderTemplate, type MessageTemplate } from '@touchpoint/shared';
import { currentLocale } from '../../../lib/i18n';
import { findTemplate, templateLanguage, templateValues } from '../format/reply-window';
import type { DraftTemplate } from '../states/drafts.store';
import './reply-window.css';

const keyOf = (template: Pick<MessageTemplate, 'name' | 'language'>) =>
  `${template.name}:${template.language}`;

export interface TemplatePickerProps {
  templates: readonly MessageTemplate[];
  value: DraftTemplate | null;
  onChange: (next: DraftTemplate | null) => void;
  readOnly: boolean;
  /** What the picker is about (the reply window's state), read with the template field. */
  describedBy?: string;
  /** Ctrl/Cmd+Enter sends from every field, as from the text box. */
  onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => void;
}

/**
 * An approved template instead of free text: the template (name and language), a field for each
 * of its variables, and the text as the customer will read it.
 */
export function TemplatePicker({
  templates,
  value,
  onChange,
  readOnly,
  describedBy,
  onKeyDown,
}: TemplatePickerProps) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const id = useId();
  const template = findTemplate(templates, value);
  const values = template ? templateValues(template, value) : [];

  if (templates.length === 0) {
    return (
      <p className="tp-composer__no-channel" data-testid="no-templates">
        {t('inbox.composer.noTemplates')}
      </p>
    );
  }
  return (
    <div className="tp-template" data-testid="template-picker">
      <div className="tp-template__choice">
        <label className="tp-field__label" htmlFor={`${id}-template`}>
          {t('inbox.composer.template')}
        </label>
        <select
          id={`${id}-template`}
          className="tp-select"
          value={template ? keyOf(template) : ''}
          aria-describedby={describedBy}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            const chosen = templates.find((candidate) => keyOf(candidate) === event.target.value);
            onChange(
              chosen ? { name: chosen.name, language: chosen.language, variables: [] } : null,
            );
          }}
          data-testid="template-select"
        >
          <option value="">{t('inbox.composer.chooseTemplate')}</option>
          {templates.map((candidate) => (
            <option key={keyOf(candidate)} value={keyOf(candidate)}>
              {t('inbox.composer.templateOption', {
                name: candidate.name,
                language: templateLanguage(candidate.language, locale),
              })}
            </option>
          ))}
        </select>
      </div>
      {template && values.length > 0 ? (
        <fieldset className="tp-template__values">
          <legend className="tp-field__label">{t('inbox.composer.templateValues')}</legend>
          {values.map((text, index) => (
            <div className="tp-template__value" key={index}>
              <label htmlFor={`${id}-value-${index}`}>
                {t('inbox.composer.templateValue', { n: index + 1 })}
              </label>
              <input
                id={`${id}-value-${index}`}
                className="tp-field__input"
                value={text}
                required
                readOnly={readOnly}
                onKeyDown={onKeyDown}
                onChange={(event) =>
                  onChange({
                    name: template.name,
                    language: template.language,
                    variables: values.map((v, i) => (i === index ? event.target.value : v)),
                  })
                }
                data-testid={`template-value-${index + 1}`}
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      {template ? (
        <figure className="tp-template__preview" aria-labelledby={`${id}-preview`}>
          <figcaption id={`${id}-preview`} className="tp-field__label">
            {t('inbox.composer.templatePreview')}
          </figcaption>
          <p className="tp-template__text" data-testid="template-preview">
            {renderTemplate(
              template.body,
              // A value not yet typed stays visible as its placeholder.
              values.map((v, i) => v.trim() || `{{${i + 1}}}`),
            )}
          </p>
        </figure>
      ) : null}
    </div>
  );
}
