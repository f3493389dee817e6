import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERSEEING_ROLES, type ContactDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useExportContact } from '../hooks/useExportContact';
import { EraseContactDialog } from './EraseContactDialog';
import './privacy.css';

/**
 * A contact's data protection (GDPR): "Export data" downloads everything stored about them
 * (supervisors and admins), "Erase personal data" removes it for good (admins). Shown to them only.
 */
export function ContactPrivacyActions({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const exportData = useExportContact(contact.id);
  const [erasing, setErasing] = useState(false);
  const [erased, setErased] = useState(false);
  if (!me || !OVERSEEING_ROLES.includes(me.role)) return null;
  return (
    <section
      aria-labelledby="contact-privacy"
      className="tp-contact__section tp-privacy"
      data-testid="contact-privacy"
    >
      <h3 id="contact-privacy">{t('privacy.title')}</h3>
      <div className="tp-privacy__actions">
        <Button
          variant="secondary"
          busy={exportData.isPending}
          onClick={() => exportData.mutate()}
          title={t('privacy.export.hint')}
          data-testid="privacy-export"
        >
          {t('privacy.export.button')}
        </Button>
        {me.role === 'admin' ? (
          <Button
            variant="ghost"
            className="tp-privacy__danger-link"
            onClick={() => setErasing(true)}
            aria-haspopup="dialog"
            data-testid="privacy-erase"
          >
            {t('privacy.erase.button')}
          </Button>
        ) : null}
      </div>
      {exportData.isError ? (
        <Alert tone="error" data-testid="privacy-export-error">
          {apiErrorMessage(exportData.error, t)}
        </Alert>
      ) : null}
      {erased ? (
        <Alert tone="success" data-testid="privacy-erased">
          {t('privacy.erase.done')}
        </Alert>
      ) : null}
      {erasing ? (
        <EraseContactDialog
          contact={contact}
          onClose={() => setErasing(false)}
          onErased={() => {
            setErasing(false);
            setErased(true);
          }}
        />
      ) : null}
    </section>
  );
}
