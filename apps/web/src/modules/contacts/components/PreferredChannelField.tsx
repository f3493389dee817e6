import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PREFERRED_CHANNELS, type ContactDto, type PreferredChannel } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useUpdateContact } from '../hooks/useUpdateContact';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

const NONE = '';

/**
 * How the contact prefers to be reached ("prefers phone"), for everyone who works with them to see
 * and change: replies go through a channel of that kind first, and "phone call" reminds whoever
 * answers to call instead.
 */
export function PreferredChannelField({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useUpdateContact(contact.id);
  const readOnly = useReadOnly();
  // While the change is on its way the field shows it; a refusal puts the stored one back.
  const value = update.isPending ? update.variables.preferredChannel : contact.preferredChannel;
  const label = (channel: PreferredChannel) =>
    channel === 'phone' ? t('contact.preferred.phone') : t(`inbox.channelKinds.${channel}`);

  return (
    <section aria-labelledby={`${id}-title`} className="tp-contact__section">
      <h3 id={`${id}-title`}>{t('contact.preferred.title')}</h3>
      <select
        className="tp-select"
        aria-labelledby={`${id}-title`}
        value={value ?? NONE}
        aria-describedby={`${id}-hint`}
        aria-busy={update.isPending || undefined}
        disabled={readOnly}
        onChange={(event) => {
          const next = event.target.value;
          update.mutate({
            preferredChannel: next === NONE ? null : (next as PreferredChannel),
          });
        }}
        data-testid="preferred-channel"
      >
        <option value={NONE}>{t('contact.preferred.none')}</option>
        {PREFERRED_CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {label(channel)}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="tp-empty__hint">
        {t('contact.preferred.hint')}
      </p>
      {update.isError ? (
        <Alert tone="error" data-testid="preferred-channel-error">
          {apiErrorMessage(update.error, t)}
        </Alert>
      ) : null}
    </section>
  );
}
