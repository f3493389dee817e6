import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PREFERRED_CHANNELS,
  type ContactDto,
  type PreferredChannel,
  type UpdateContactRequest,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/TextField';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { apiFieldErrors, preferredChannelLabel } from '../format/contact-format';
import { useUpdateContact } from '../hooks/useUpdateContact';

const FIELDS = ['name', 'company', 'language', 'preferredChannel', 'quietHours'] as const;

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Berlin';
}

/**
 * The profile's facts: name, company, language, preferred channel and quiet hours. The API checks
 * them; what it refuses shows under its field.
 */
export function ContactDetailsDialog({
  contact,
  onClose,
}: {
  contact: ContactDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateContact(contact.id);
  const [name, setName] = useState(contact.name);
  const [company, setCompany] = useState(contact.company ?? '');
  const [language, setLanguage] = useState(contact.language ?? '');
  const [preferred, setPreferred] = useState(contact.preferredChannel ?? '');
  const [quiet, setQuiet] = useState(contact.quietHours !== null);
  const [from, setFrom] = useState(contact.quietHours?.from ?? '20:00');
  const [to, setTo] = useState(contact.quietHours?.to ?? '08:00');
  const [timeZone, setTimeZone] = useState(contact.quietHours?.timeZone ?? localTimeZone());
  const preferredId = useId();
  const quietId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: UpdateContactRequest = {
      name: name.trim(),
      company: company.trim() || null,
      language: language.trim() || null,
      preferredChannel: preferred === '' ? null : (preferred as PreferredChannel),
      quietHours: quiet ? { from, to, timeZone: timeZone.trim() } : null,
    };
    update.mutate(body, { onSuccess: onClose });
  };

  const errors = apiFieldErrors(update.error);
  const quietError = errors['quietHours'];
  const placed = Object.keys(errors).some((path) =>
    FIELDS.some((field) => path === field || path.startsWith(`${field}.`)),
  );
  return (
    <Dialog
      title={t('contacts.details.title')}
      closeLabel={t('contacts.dialog.close')}
      onClose={onClose}
      data-testid="contact-details-dialog"
    >
      <form className="tp-contact-form" onSubmit={submit} noValidate>
        <TextField
          label={t('contacts.fields.name')}
          name="name"
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          error={errors['name']}
          data-autofocus
          data-testid="details-name"
        />
        <div className="tp-contact-form__row">
          <TextField
            label={t('contacts.fields.company')}
            name="company"
            value={company}
            maxLength={200}
            onChange={(event) => setCompany(event.target.value)}
            error={errors['company']}
            data-testid="details-company"
          />
          <TextField
            label={t('contacts.fields.language')}
            name="language"
            hint={t('contacts.details.languageHint')}
            value={language}
            maxLength={6}
            onChange={(event) => setLanguage(event.target.value)}
            error={errors['language']}
            data-testid="details-language"
          />
        </div>
        <div className={`tp-field${errors['preferredChannel'] ? ' tp-field--invalid' : ''}`}>
          <label className="tp-field__label" htmlFor={preferredId}>
            {t('contacts.fields.preferredChannel')}
          </label>
          <select
            id={preferredId}
            className="tp-select"
            value={preferred}
            onChange={(event) => setPreferred(event.target.value as PreferredChannel | '')}
            data-testid="details-preferred"
          >
            <option value="">{t('contact.preferred.none')}</option>
            {PREFERRED_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {preferredChannelLabel(channel, t)}
              </option>
            ))}
          </select>
          {errors['preferredChannel'] ? (
            <p className="tp-field__error">{errors['preferredChannel']}</p>
          ) : null}
        </div>
        <fieldset className="tp-contact-form__group">
          <legend className="tp-field__label">{t('contacts.fields.quietHours')}</legend>
          <label className="tp-settings-check" htmlFor={quietId}>
            <input
              id={quietId}
              type="checkbox"
              checked={quiet}
              onChange={(event) => setQuiet(event.target.checked)}
              data-testid="details-quiet"
            />
            <span>{t('contacts.details.quietHint')}</span>
          </label>
          {quiet ? (
            <div className="tp-contact-form__row tp-contact-form__row--three">
              <TextField
                label={t('contacts.details.quietFrom')}
                name="quietFrom"
                type="time"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
                error={errors['quietHours.from']}
                data-testid="details-quiet-from"
              />
              <TextField
                label={t('contacts.details.quietTo')}
                name="quietTo"
                type="time"
                value={to}
                onChange={(event) => setTo(event.target.value)}
                error={errors['quietHours.to']}
                data-testid="details-quiet-to"
              />
              <TextField
                label={t('contacts.details.timeZone')}
                name="timeZone"
                value={timeZone}
                onChange={(event) => setTimeZone(event.target.value)}
                error={errors['quietHours.timeZone']}
                data-testid="details-quiet-zone"
              />
            </div>
          ) : null}
          {quietError ? <p className="tp-field__error">{quietError}</p> : null}
        </fieldset>
        {update.isError && !placed ? (
          <Alert tone="error" data-testid="contact-details-error">
            {apiErrorMessage(update.error, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('contacts.dialog.cancel')}
          </Button>
          <Button type="submit" busy={update.isPending} data-testid="details-save">
            {t('contacts.details.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
