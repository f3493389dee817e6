import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { AlertSettings } from '../../notifications/components/AlertSettings';
import { CannedResponsesSettings } from '../../canned-responses/components/CannedResponsesSettings';
import { LabelsSettings } from '../../labels/components/LabelsSettings';
import { ThemeSettings } from '../../theme/components/ThemeSettings';
import { PasswordForm } from './PasswordForm';
import { SignOutEverywhere } from './SignOutEverywhere';
import { WeeklySummarySettings } from './WeeklySummarySettings';

/**
 * `/account` (everyone, from the user menu): the signed-in user's own password and sessions, their
 * canned responses (supervisors and admins: the teams' too) and, for supervisors and admins, labels;
 * for those who see all, the weekly summary email.
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
      <WeeklySummarySettings />
      <CannedResponsesSettings />
      <LabelsSettings />
    </section>
  );
}
