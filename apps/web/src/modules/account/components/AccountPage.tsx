import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { AlertSettings } from '../../notifications/components/AlertSettings';
import { CannedResponsesSettings } from '../../canned-responses/components/CannedResponsesSettings';
import { LabelsSettings } from '../../labels/components/LabelsSettings';
import { ThemeSettings } from '../../theme/components/ThemeSettings';
import { PasswordForm } from './PasswordForm';
import { SignOutEverywhere } from './SignOutEverywhere';

/**
 * `/account` (everyone, from the user menu): the signed-in user's own password and sessions, their
 * canned responses (supervisors and admins: the teams' too) and, for supervisors and admins, labels.
 */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <section className="tp-settings" aria-labelledby="account-title" data-testid="page-account">
      <PageHeader titleId="account-title" title={t('account.title')} intro={t('account.intro')} />
      <PasswordForm />
      <SignOutEverywhere />
      <ThemeSettings />
      <AlertSettings />
      <CannedResponsesSettings />
      <LabelsSettings />
    </section>
  );
}
