import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANNED_RESPONSE_LANGUAGES,
  CANNED_RESPONSE_VARIABLES,
  OVERSEEING_ROLES,
  type CannedResponseDto,
  type CannedResponseLanguage,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { SettingsSection } from '../../../ui/SettingsSection';
import { TextField } from '../../../ui/TextField';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useDirectory } from '../../handoffs/hooks/useDirectory';
import { useCannedResponseChanges } from '../hooks/useCannedResponseChanges';
import { useCannedResponses } from '../hooks/useCannedResponses';
import './canned-responses.css';

interface FormState {
  id: string | null;
  /** `personal` or a team's id. */
  scope: string;
  shortcut: string;
  title: string;
  body: string;
  language: CannedResponseLanguage;
}

const EMPTY: FormState = {
  id: null,
  scope: 'personal',
  shortcut: '',
  title: '',
  body: '',
  language: 'de',
};

/**
 * Everyone's own canned responses, and (supervisors and admins) the teams' ones: a shortcut typed
 * after `/` in the composer, a title, a language and a body that may name variables.
 */
export function CannedResponsesSettings() {
  const { t, i18n } = useTranslation();
  const ids = { scope: useId(), language: useId(), body: useId() };
  const { data: me } = useMe();
  const overseer = me ? OVERSEEING_ROLES.includes(me.role) : false;
  const { data: responses = [] } = useCannedResponses();
  const directory = useDirectory(overseer);
  const { create, update, remove } = useCannedResponseChanges();
  const [form, setForm] = useState<FormState>({
    ...EMPTY,
    language: i18n.language.startsWith('en') ? 'en' : 'de',
  });
  const saving = form.id ? update : create;
  const failure = saving.error ?? remove.error;

  const edit = (response: CannedResponseDto) =>
    setForm({
      id: response.id,
      scope: response.team?.id ?? 'personal',
      shortcut: response.shortcut,
      title: response.title,
      body: response.body,
      language: response.language,
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      shortcut: form.shortcut,
      title: form.title,
      body: form.body,
      language: form.language,
    };
    const done = { onSuccess: () => setForm({ ...EMPTY, language: form.language }) };
    if (form.id) update.mutate({ id: form.id, body: fields }, done);
    else
      create.mutate(
        form.scope === 'personal'
          ? { scope: 'personal', ...fields }
          : { scope: 'team', teamId: form.scope, ...fields },
        done,
      );
  };

  return (
    <SettingsSection
      title={t('cannedResponses.settings.title')}
      intro={t('cannedResponses.settings.intro')}
      data-testid="canned-responses-settings"
    >
      {responses.length ? (
        <ul className="tp-canned-settings">
          {responses.map((response) => (
            <li key={response.id} className="tp-label-settings__row" data-testid="canned-row">
              <code>/{response.shortcut}</code>
              <span>{response.title}</span>
              <span lang={response.language}>{response.language.toUpperCase()}</span>
              <span>{response.team?.name ?? t('cannedResponses.settings.personal')}</span>
              {response.editable ? (
                <>
                  <Button variant="ghost" onClick={() => edit(response)}>
                    {t('cannedResponses.settings.edit')}
                  </Button>
                  <Button variant="ghost" onClick={() => remove.mutate(response.id)}>
                    {t('cannedResponses.settings.delete')}
                  </Button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('cannedResponses.settings.empty')}</p>
      )}
      <form onSubmit={submit} data-testid="canned-form">
        {!form.id ? (
          <div className="tp-field">
            <label className="tp-field__label" htmlFor={ids.scope}>
              {t('cannedResponses.settings.scope')}
            </label>
            <select
              id={ids.scope}
              className="tp-select"
              value={form.scope}
              onChange={(event) => setForm({ ...form, scope: event.target.value })}
            >
              <option value="personal">{t('cannedResponses.settings.personal')}</option>
              {overseer
                ? directory.data?.teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {t('cannedResponses.settings.forTeam', { name: team.name })}
                    </option>
                  ))
                : null}
            </select>
          </div>
        ) : null}
        <TextField
          label={t('cannedResponses.settings.shortcut')}
          name="shortcut"
          value={form.shortcut}
          maxLength={40}
          onChange={(event) => setForm({ ...form, shortcut: event.target.value })}
          required
        />
        <TextField
          label={t('cannedResponses.settings.titleField')}
          name="title"
          value={form.title}
          maxLength={120}
          onChange={(event) => setForm({ ...form, title: event.target.value })}
          required
        />
        <div className="tp-field">
          <label className="tp-field__label" htmlFor={ids.language}>
            {t('cannedResponses.settings.language')}
          </label>
          <select
            id={ids.language}
            className="tp-select"
            value={form.language}
            onChange={(event) =>
              setForm({ ...form, language: event.target.value as CannedResponseLanguage })
            }
          >
            {CANNED_RESPONSE_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`language.${language}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="tp-field">
          <label className="tp-field__label" htmlFor={ids.body}>
            {t('cannedResponses.settings.body')}
          </label>
          <textarea
            id={ids.body}
            className="tp-field__input"
            rows={5}
            value={form.body}
            maxLength={5000}
            onChange={(event) => setForm({ ...form, body: event.target.value })}
            required
          />
          <p className="tp-field__hint">
            {t('cannedResponses.settings.variables', {
              names: CANNED_RESPONSE_VARIABLES.map((name) => `{{${name}}}`).join(', '),
            })}
          </p>
        </div>
        {failure ? <Alert tone="error">{apiErrorMessage(failure, t)}</Alert> : null}
        <Button type="submit" busy={saving.isPending} data-testid="canned-save">
          {form.id ? t('cannedResponses.settings.save') : t('cannedResponses.settings.create')}
        </Button>
        {form.id ? (
          <Button variant="ghost" onClick={() => setForm({ ...EMPTY, language: form.language })}>
            {t('cannedResponses.settings.cancel')}
          </Button>
        ) : null}
      </form>
    </SettingsSection>
  );
}
