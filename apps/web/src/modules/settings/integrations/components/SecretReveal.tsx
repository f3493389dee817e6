import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../ui/Alert';
import { CopyField } from '../../../channels/components/CopyField';

/** A secret the server answered once: shown with a copy button and the warning that it goes. */
export function SecretReveal({
  label,
  value,
  hint,
}: {
  label: string;
  value: string;
  hint: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="tp-integrations__secret" data-testid="secret-reveal">
      <Alert tone="info" title={t('integrations.secret.once')}>
        {hint}
      </Alert>
      <CopyField label={label} value={value} data-testid="secret-value" />
    </div>
  );
}
