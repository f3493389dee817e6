import { useTranslation } from 'react-i18next';
import type { ConsentDto } from '@touchpoint/shared';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { consentChannelLabel } from '../format/contact-format';

/** The latest consent per purpose and channel: given or withdrawn, how, when and by whom. */
export function ContactConsents({ consents }: { consents: readonly ConsentDto[] }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  if (consents.length === 0)
    return (
      <p className="tp-empty__hint" data-testid="consents-empty">
        {t('contacts.consents.empty')}
      </p>
    );
  return (
    <ul className="tp-consents" data-testid="consent-list">
      {consents.map((consent) => (
        <li
          key={`${consent.purpose}:${consent.channel}`}
          className="tp-consent"
          data-testid="consent"
        >
          <span className="tp-consent__what">
            <span className="tp-consent__purpose">
              {t(`contacts.consents.purposes.${consent.purpose}`)}
            </span>
            <span className="tp-consent__channel">{consentChannelLabel(consent.channel, t)}</span>
            <span
              className={`tp-consent__state tp-consent__state--${consent.granted ? 'granted' : 'withdrawn'}`}
            >
              {consent.granted ? t('contacts.consents.granted') : t('contacts.consents.withdrawn')}
            </span>
          </span>
          <span className="tp-consent__how">
            {t('contacts.consents.recorded', {
              source: consent.source,
              at: fullDateTime(consent.recordedAt, locale),
              by: consent.recordedBy?.name ?? t('contacts.system'),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
