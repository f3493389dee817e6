import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type TeamMemberDto } from '@touchpoint/shared';
import { Avatar } from '../../../ui/Avatar';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is in the team, with their role: read-only. */
export function TeamMembers({ members }: { members: readonly TeamMemberDto[] }) {
  const { t } = useTranslation();
  const titleId = useId();
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
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
