import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type TeamDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Avatar } from '../../../ui/Avatar';
import { Button } from '../../../ui/Button';
import { useUsers } from '../hooks/useUsers';
import { useSetTeamMembers } from '../hooks/useTeamChanges';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is in the team, with their role; admins add and remove people here. */
export function TeamMembers({ team }: { team: Pick<TeamDto, 'id' | 'name' | 'members'> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const pickId = useId();
  const users = useUsers();
  const save = useSetTeamMembers();
  const [picked, setPicked] = useState('');
  const members = team.members;
  const memberIds = members.map((member) => member.id);
  const candidates = (users.data ?? []).filter((u) => u.active && !memberIds.includes(u.id));

  const setMembers = (userIds: string[], then?: () => void) =>
    save.mutate({ id: team.id, userIds }, { onSuccess: then });

  return (
    <section className="tp-team-members" aria-labelledby={titleId} data-testid="team-members">
      <h4 id={titleId} className="tp-team-detail__subtitle">
        {t('settings.members.title')}{' '}
        <span className="tp-team-members__count">({members.length})</span>
      </h4>
      <p className="tp-field__hint">{t('settings.members.hint')}</p>
      {members.length === 0 ? (
        <p className="tp-team-members__empty">{t('settings.members.empty')}</p>
      ) : (
        <ul className="tp-team-members__list">
          {members.map((member) => {
            const role = isRole(member.role) ? t(`roles.${member.role}`) : member.role;
            return (
              <li key={member.id} className="tp-team-members__item" data-testid="team-member">
                <Avatar name={member.name} />
                <span className="tp-team-members__who">
                  <span className="tp-team-members__name">{member.name}</span>
                  <span className="tp-team-members__email">{member.email}</span>
                </span>
                <span className="tp-team-members__role">
                  <span className="tp-visually-hidden">{t('settings.members.role', { role })}</span>
                  <span aria-hidden="true">{role}</span>
                </span>
                <Button
                  variant="ghost"
                  disabled={save.isPending}
                  onClick={() => setMembers(memberIds.filter((id) => id !== member.id))}
                  aria-label={t('settings.members.removeNamed', {
                    name: member.name,
                    team: team.name,
                  })}
                  data-testid="team-member-remove"
                >
                  {t('settings.members.remove')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="tp-team-members__add">
        <label className="tp-field__label" htmlFor={pickId}>
          {t('settings.members.add')}
        </label>
        <select
          id={pickId}
          className="tp-select"
          value={picked}
          onChange={(event) => setPicked(event.target.value)}
          disabled={candidates.length === 0}
          data-testid="team-member-pick"
        >
          <option value="">
            {candidates.length === 0
              ? t('settings.members.nobodyLeft')
              : t('settings.members.choose')}
          </option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </select>
        <Button
          variant="secondary"
          disabled={!picked}
          busy={save.isPending}
          onClick={() => setMembers([...memberIds, picked], () => setPicked(''))}
          data-testid="team-member-add"
        >
          {t('settings.members.addButton')}
        </Button>
      </div>
      {save.isError ? (
        <Alert tone="error" data-testid="team-members-error">
          {apiErrorMessage(save.error, t)}
        </Alert>
      ) : null}
    </section>
  );
}
