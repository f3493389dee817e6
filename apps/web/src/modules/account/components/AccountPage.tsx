import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { PasswordForm } from './PasswordForm';
import { SignOutEverywhere } from './SignOutEverywhere';

/** `/account` (everyone, from the user menu): the signed-in user's own password and sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <section className="tp-settings" aria-labelledby="account-title" data-testid="page-account">
      <PageHeader titleId="account-title" title={t('account.title')} intro={t('account.intro')} />
      <PasswordForm />
      <SignOutEverywhere />
    </section>
  );
}
