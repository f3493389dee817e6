import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import type { Role } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { navItemsFor } from '../navigation';

/** The left rail: the sections the user's role may open. */
export function NavRail({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <nav className="tp-nav" aria-label={t('nav.label')} data-testid="main-nav">
      <ul className="tp-nav__list">
        {navItemsFor(role).map((item) => (
          <li key={item.section}>
            <NavLink
              to={item.path}
              className={({ isActive }) => `tp-nav__link${isActive ? ' tp-nav__link--active' : ''}`}
              data-testid={`nav-${item.section}`}
            >
              <Icon name={item.icon} />
              <span className="tp-nav__text">{t(`nav.${item.section}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
