import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  recordConsentSchema,
  type ConsentChannel,
  type ConsentPurpose,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/TextField';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { apiFieldErrors, consentChannelLabel } from '../format/contact-format';
import { useRecordConsent } from '../hooks/useRecordConsent';

/** Records a consent given or withdrawn, for a purpose on a channel, and how it was given. */
export function RecordConsentDialog({
  contactId,
  onClose,
}: {
  contactId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordConsent(contactId);
  const [purpose, setPurpose] = useState<ConsentPurpose>('marketing');
  const [channel, setChannel] = useState<ConsentChannel>('all');
  const [granted, setGranted] = useState(true);
  const [source, setSource] = useState('');
  const [sourceError, setSourceError] = useState<string | undefined>();
  const purposeId = useId();
  const channelId = useId();
  const grantedName = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = recordConsentSchema.safeParse({ purpose, channel, granted, source });
    if (!parsed.success) {
      setSourceError(t('contacts.consents.sourceRequired'));
      return;
    }
    setSourceError(undefined);
    record.mutate(parsed.data, { onSuccess: onClose });
  };

  const fields = apiFieldErrors(record.error);
  const shownOnField = Boolean(fields['source']);
  return (
    <Dialog
      title={t('contacts.consents.recordTitle')}
      description={t('contacts.consents.recordIntro')}
      closeLabel={t('contacts.dialog.close')}
      onClose={onClose}
      data-testid="consent-dialog"
    >
      <form className="tp-contact-form" onSubmit={submit} noValidate>
        <div className="tp-contact-form__row">
          <div className="tp-field">
            <label className="tp-field__label" htmlFor={purposeId}>
              {t('contacts.consents.purpose')}
            </label>
            <select
              id={purposeId}
              className="tp-select"
              value={purpose}
              onChange={(event) => setPurpose(event.target.value as ConsentPurpose)}
              data-autofocus
              data-testid="consent-purpose"
            >
              {CONSENT_PURPOSES.map((option) => (
                <option key={option} value={option}>
                  {t(`contacts.consents.purposes.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="tp-field">
            <label className="tp-field__label" htmlFor={channelId}>
              {t('contacts.consents.channel')}
            </label>
            <select
              id={channelId}
              className="tp-select"
              value={channel}
              onChange={(event) => setChannel(event.target.value as ConsentChannel)}
              data-testid="consent-channel"
            >
              {CONSENT_CHANNELS.map((option) => (
                <option key={option} value={option}>
                  {consentChannelLabel(option, t)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="tp-contact-form__group tp-contact-form__inline">
          <legend className="tp-field__label">{t('contacts.consents.state')}</legend>
          {[true, false].map((option) => (
            <label
              key={String(option)}
              className={`tp-choice${granted === option ? ' tp-choice--active' : ''}`}
            >
              <input
                type="radio"
                name={grantedName}
                checked={granted === option}
                onChange={() => setGranted(option)}
              />
              <span className="tp-choice__title">
                {option ? t('contacts.consents.give') : t('contacts.consents.withdraw')}
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          label={t('contacts.consents.source')}
          name="source"
          hint={t('contacts.consents.sourceHint')}
          value={source}
          maxLength={200}
          onChange={(event) => setSource(event.target.value)}
          error={sourceError ?? fields['source']}
          data-testid="consent-source"
        />
        {record.isError && !shownOnField ? (
          <Alert tone="error" data-testid="consent-error">
            {apiErrorMessage(record.error, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('contacts.dialog.cancel')}
          </Button>
          <Button type="submit" busy={record.isPending} data-testid="consent-submit">
            {t('contacts.consents.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
