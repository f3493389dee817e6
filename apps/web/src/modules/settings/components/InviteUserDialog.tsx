import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale, type TeamDto, type UserLinkDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { currentLocale } from '../../../lib/i18n';
import {
  emptyInvite,
  USER_FIELDS,
  userServerErrors,
  validateInvite,
  type InviteDraft,
  type UserField,
  type UserFieldErrors,
  type UserServerErrors,
} from '../format/user-form';
import { useInviteUser } from '../hooks/useInviteUser';
import { describedBy, fieldIds, SettingsField } from './SettingsField';
import { RoleField, TeamsField } from './UserAccessFields';
import { UserLinkResult } from './UserLinkResult';

const NO_ERRORS: UserServerErrors = { fields: {}, other: [] };

export interface InviteUserDialogProps {
  teams: readonly TeamDto[];
  onClose: () => void;
}

/**
 * Name, email, role, language and teams of a new colleague. Checked with the contract's schema
 * first; the server's complaints (a taken email) show at their field. Then the link, once.
 */
export function InviteUserDialog({ teams, onClose }: InviteUserDialogProps) {
  const { t, i18n } = useTranslation();
  const invite = useInviteUser();
  const [draft, setDraft] = useState<InviteDraft>(() => emptyInvite(currentLocale(i18n)));
  const [checked, setChecked] = useState<UserFieldErrors>({});
  const [server, setServer] = useState<UserServerErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [link, setLink] = useState<UserLinkDto | null>(null);
  const base = useId();
  const ids = (field: UserField) => fieldIds(base, field);
  const errors: UserFieldErrors = { ...server.fields, ...checked };
  const invalid = Object.keys(errors).length > 0 || server.other.length > 0;

  const change = <K extends UserField>(field: K, value: InviteDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setChecked(({ [field]: _dropped, ...rest }) => rest);
    setServer((current) => {
      const { [field]: _stale, ...fields } = current.fields;
      return { ...current, fields };
    });
    setFailure(null);
  };
  const focusFirst = (found: UserFieldErrors) => {
    const first = USER_FIELDS.find((field) => found[field]);
    if (first) document.getElementById(ids(first).control)?.focus();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (invite.isPending) return;
    setServer(NO_ERRORS);
    setFailure(null);
    const result = validateInvite(draft, t);
    if (!result.ok) {
      setChecked(result.errors);
      focusFirst(result.errors);
      return;
    }
    setChecked({});
    invite.mutate(result.value, {
      onSuccess: setLink,
      onError: (error) => {
        const answer = userServerErrors(error, t);
        setServer(answer);
        if (Object.keys(answer.fields).length === 0 && answer.other.length === 0) setFailure(error);
        focusFirst(answer.fields);
      },
    });
  };

  const textField = (field: 'name' | 'email', type: string, autoComplete: string) => (
    <SettingsField ids={ids(field)} label={t(`settings.users.form.${field}`)} error={errors[field]}>
      <input
        id={ids(field).control}
        className="tp-field__input"
        type={type}
        value={draft[field]}
        autoComplete={autoComplete}
        spellCheck={false}
        onChange={(event) => change(field, event.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(ids(field), false, errors[field])}
        data-autofocus={field === 'name' || undefined}
        data-testid={`invite-${field}`}
      />
    </SettingsField>
  );

  return (
    <Dialog
      title={
        link
          ? t('settings.users.link.inviteTitle', { name: link.user.name })
          : t('settings.users.invite.title')
      }
      description={link ? undefined : t('settings.users.invite.intro')}
      onClose={onClose}
      closeLabel={t('settings.users.dialog.close')}
      data-testid="invite-dialog"
    >
      {link ? (
        <UserLinkResult link={link} onDone={onClose} />
      ) : (
        <form className="tp-user-form" onSubmit={handleSubmit} noValidate data-testid="invite-form">
          {textField('name', 'text', 'off')}
          {textField('email', 'email', 'off')}
          <RoleField
            base={base}
            value={draft.role}
            onChange={(role) => change('role', role)}
            error={errors.role}
          />
          <SettingsField
            ids={ids('locale')}
            label={t('settings.users.form.locale')}
            hint={t('settings.users.form.localeHint')}
            error={errors.locale}
          >
            <select
              id={ids('locale').control}
              className="tp-select tp-team-form__select"
              value={draft.locale}
              onChange={(event) => change('locale', event.target.value as Locale)}
              aria-invalid={errors.locale ? true : undefined}
              aria-describedby={describedBy(ids('locale'), true, errors.locale)}
              data-testid="invite-locale"
            >
              {LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {t(`language.${locale}`)}
                </option>
              ))}
            </select>
          </SettingsField>
          <TeamsField
            base={base}
            teams={teams}
            value={draft.teamIds}
            onChange={(teamIds) => change('teamIds', teamIds)}
            error={errors.teamIds}
          />
          {invalid ? (
            <Alert
              tone="error"
              title={t('settings.users.form.invalid')}
              data-testid="invite-invalid"
            >
              {server.other.length > 0 ? (
                <ul className="tp-team-form__problems">
                  {server.other.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : null}
          {failure ? (
            <Alert
              tone="error"
              title={t('settings.users.invite.failed')}
              data-testid="invite-error"
            >
              {apiErrorMessage(failure, t)}
            </Alert>
          ) : null}
          <div className="tp-dialog__footer">
            <Button variant="ghost" onClick={onClose}>
              {t('settings.users.dialog.cancel')}
            </Button>
            <Button type="submit" busy={invite.isPending} data-testid="invite-submit">
              {t('settings.users.invite.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
