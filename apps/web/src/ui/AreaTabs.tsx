import { NavLink } from 'react-router-dom';

export interface AreaTab {
  to: string;
  label: string;
  testId: string;
}

/** The areas of a page as tabs under its header, each a link (`aria-current` marks the open one). */
export function AreaTabs({ label, tabs }: { label: string; tabs: readonly AreaTab[] }) {
  return (
    <nav className="tp-settings-areas" aria-label={label}>
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end
          className="tp-settings-areas__link"
          data-testid={tab.testId}
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
