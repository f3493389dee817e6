import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { TFunction } from 'i18next';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordSchema,
  type UserLinkInfoDto,
} from '@touchpoint/shared';
import { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Skeleton } from '../../../ui/Skeleton';
import { TextField } from '../../../ui/TextField';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { useRedeemUserLink } from '../../settings/hooks/useRedeemUserLink';
import { useUserLink } from '../../settings/hooks/useUserLink';
import { AuthCard } from './AuthCard';

type PasswordErrors = Partial<Record<'password' | 'repeat', string>>;

/** Why a link does not work, from the API's answer; undefined for trouble on the way. */
function linkProblem(error: unknown): 'unknown' | 'expired' | 'used' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'invitations.unknown') return 'unknown';
  if (error.code === 'invitations.expired') return 'expired';
  if (error.code === 'invitations.used') return 'used';
  return undefined;
}

/** The sentence for a failure that is neither the link nor a field. */
function failureMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('login.errors.unexpected');
  if (error.isUnreachable) return t('login.errors.unreachable');
  if (error.status === 429) return t('invite.errors.tooMany');
  if (error.status === 400) return t('login.errors.invalidInput');
  return t('login.errors.unexpected');
}

/** The contract's password rule, and the repeat must match. */
function validate(password: string, repeat: string, t: TFunction): PasswordErrors {
  if (!passwordSchema.safeParse(password).success) {
    return {
      password:
        password.length < PASSWORD_MIN_LENGTH
          ? t('invite.validation.tooShort', { count: PASSWORD_MIN_LENGTH })
          : t('invite.validation.tooLong', { count: PASSWORD_MAX_LENGTH }),
    };
  }
  return repeat === password ? {} : { repeat: t('invite.validation.mismatch') };
}

/**
 * `/invite/:token` (public): the page of a one-time link an admin handed out. Shows whose it is,
 * asks for a password twice and lands in the inbox signed in; a link that does not work says why.
 */
export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const link = useUserLink(token);
  const redeem = useRedeemUserLink();

  // A link used up meanwhile (another tab) answers the submit with 410: the page says so.
  const problem = linkProblem(link.error) ?? linkProblem(redeem.error);
  let content;
  if (link.isPending) {
    content = <Skeleton rows={3} label={t('invite.loading')} />;
  } else if (problem) {
    content = (
      <div className="tp-invite__problem" data-testid={`invite-${problem}`}>
        <h1 id="invite-title" className="tp-login__title">
          {t(`invite.errors.${problem}Title`)}
        </h1>
        <p className="tp-login__subtitle">{t(`invite.errors.${problem}`)}</p>
        <Link className="tp-button tp-button--secondary" to="/login">
          {t('invite.toLogin')}
        </Link>
      </div>
    );
  } else if (link.isError) {
    content = (
      <>
        <h1 id="invite-title" className="tp-login__title">
          {t('invite.errors.failedTitle')}
        </h1>
        <Alert
          tone="error"
          data-testid="invite-load-error"
          action={
            <Button variant="secondary" onClick={() => void link.refetch()}>
              {t('invite.retry')}
            </Button>
          }
        >
          {failureMessage(link.error, t)}
        </Alert>
      </>
    );
  } else {
    content = <PasswordChoice link={link.data} token={token} redeem={redeem} />;
  }

  return (
    <AuthCard titleId="invite-title" data-testid="invite-page">
      {content}
    </AuthCard>
  );
}

interface PasswordChoiceProps {
  link: UserLinkInfoDto;
  token: string;
  redeem: ReturnType<typeof useRedeemUserLink>;
}

/** Whose link it is, and the password twice. */
function PasswordChoice({ link, token, redeem }: PasswordChoiceProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<PasswordErrors>({});
  const invite = link.purpose === 'invite';

  // The server's verdict on the password (its schema), shown at the field.
  const serverField =
    redeem.error instanceof ApiError && redeem.error.status === 400
      ? redeem.error.details.find((detail) => detail.path === 'password')
      : undefined;
  const sent = redeem.variables?.password ?? '';
  const passwordError =
    errors.password ??
    (serverField
      ? sent.length < PASSWORD_MIN_LENGTH
        ? t('invite.validation.tooShort', { count: PASSWORD_MIN_LENGTH })
        : t('invite.validation.tooLong', { count: PASSWORD_MAX_LENGTH })
      : undefined);
  const failure = redeem.isError && !serverField ? failureMessage(redeem.error, t) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (redeem.isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    const found = validate(password, String(data.get('repeat') ?? ''), t);
    setErrors(found);
    const first = found.password ? 'password' : found.repeat ? 'repeat' : undefined;
    if (first) {
      redeem.reset();
      const input = form.elements.namedItem(first);
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    redeem.mutate(
      { token, password },
      { onSuccess: () => void navigate('/inbox', { replace: true }) },
    );
  };

  return (
    <>
      <h1 id="invite-title" className="tp-login__title">
        {invite ? t('invite.inviteTitle', { name: link.name }) : t('invite.resetTitle')}
      </h1>
      <p className="tp-login__subtitle" data-testid="invite-intro">
        {invite
          ? t('invite.inviteIntro', { email: link.email })
          : t('invite.resetIntro', { email: link.email })}
      </p>
      {failure ? (
        <Alert tone="error" data-testid="invite-error">
          {failure}
        </Alert>
      ) : null}
      <form className="tp-login__form" onSubmit={handleSubmit} noValidate data-testid="invite-form">
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={link.email} />
        <TextField
          label={t('invite.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          hint={t('invite.passwordHint', { count: PASSWORD_MIN_LENGTH })}
          error={passwordError}
        />
        <TextField
          label={t('invite.repeat')}
          name="repeat"
          type="password"
          autoComplete="new-password"
          error={errors.repeat}
        />
        <Button type="submit" block busy={redeem.isPending} data-testid="invite-submit">
          {invite ? t('invite.submitInvite') : t('invite.submitReset')}
        </Button>
      </form>
      <p className="tp-field__hint" data-testid="invite-expiry">
        {t('invite.expires', { date: fullDateTime(link.expiresAt, currentLocale(i18n)) })}
      </p>
    </>
  );
}
