import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type TeamDto } from '@touchpoint/shared';
import { describedBy, fieldIds, SettingsField } from './SettingsField';

export interface RoleFieldProps {
  base: string;
  value: Role;
  onChange: (role: Role) => void;
  error?: string;
  autoFocus?: boolean;
}

/** What the user may do: agent, supervisor or admin, with a line on each. */
export function RoleField({ base, value, onChange, error, autoFocus }: RoleFieldProps) {
  const { t } = useTranslation();
  const ids = fieldIds(base, 'role');
  return (
    <SettingsField
      ids={ids}
      label={t('settings.users.form.role')}
      hint={t('settings.users.form.roleHint')}
      error={error}
    >
      <select
        id={ids.control}
        className="tp-select tp-team-form__select"
        value={value}
        onChange={(event) => onChange(event.target.value as Role)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, true, error)}
        data-autofocus={autoFocus || undefined}
        data-testid="user-role"
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </select>
    </SettingsField>
  );
}

export interface TeamsFieldProps {
  base: string;
  teams: readonly TeamDto[];
  value: readonly string[];
  onChange: (teamIds: string[]) => void;
  error?: string;
}

/** The teams the user works in, one checkbox each. */
export function TeamsField({ base, teams, value, onChange, error }: TeamsFieldProps) {
  const { t } = useTranslation();
  const ids = fieldIds(base, 'teamIds');
  const toggle = (teamId: string, on: boolean) =>
    onChange(on ? [...value, teamId] : value.filter((id) => id !== teamId));
  return (
    <fieldset
      id={ids.control}
      className={`tp-user-teams${error ? ' tp-field--invalid' : ''}`}
      aria-describedby={describedBy(ids, true, error)}
      aria-invalid={error ? true : undefined}
      tabIndex={-1}
      data-testid="user-teams"
    >
      <legend id={ids.label} className="tp-field__label">
        {t('settings.users.form.teams')}
      </legend>
      {teams.length === 0 ? (
        <p className="tp-field__hint">{t('settings.users.form.noTeams')}</p>
      ) : (
        <ul className="tp-user-teams__list">
          {teams.map((team) => (
            <li key={team.id}>
              <label className="tp-user-teams__item">
                <input
                  type="checkbox"
                  checked={value.includes(team.id)}
                  onChange={(event) => toggle(team.id, event.target.checked)}
                />
                {team.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <p id={ids.hint} className="tp-field__hint">
        {t('settings.users.form.teamsHint')}
      </p>
      {error ? (
        <p id={ids.error} className="tp-field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
