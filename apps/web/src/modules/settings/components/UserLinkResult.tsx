import { useTranslation } from 'react-i18next';
import type { UserLinkDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { currentLocale } from '../../../lib/i18n';
import { CopyField } from '../../channels/components/CopyField';
import { fullDateTime } from '../../inbox/format/relative-age';

export interface UserLinkResultProps {
  link: UserLinkDto;
  onDone: () => void;
}

/** The one-time link, once: to copy and hand over, with how long it works. */
export function UserLinkResult({ link, onDone }: UserLinkResultProps) {
  const { t, i18n } = useTranslation();
  const who = { name: link.user.name, email: link.user.email };
  return (
    <div className="tp-user-link" data-testid="user-link">
      <Alert tone="success">
        {link.purpose === 'invite'
          ? t('settings.users.link.inviteReady', who)
          : t('settings.users.link.resetReady', who)}
      </Alert>
      <CopyField
        label={t('settings.users.link.label')}
        value={link.url}
        data-testid="user-link-url"
      />
      <p className="tp-field__hint" data-testid="user-link-expiry">
        {t('settings.users.link.expires', {
          date: fullDateTime(link.expiresAt, currentLocale(i18n)),
        })}{' '}
        {t('settings.users.link.once')}
      </p>
      <div className="tp-dialog__footer">
        {/* Shown in place of the form that had the focus: the focus moves here. */}
        <Button onClick={onDone} data-autofocus autoFocus data-testid="user-link-done">
          {t('settings.users.link.done')}
        </Button>
      </div>
    </div>
  );
}
