import { ROLES, SEES_ALL_ROLES, type Role } from '@touchpoint/shared';
import type { IconName } from '../../ui/Icon';

export type Section =
  'inbox' | 'handoffs' | 'supervisor' | 'journeys' | 'goals' | 'contacts' | 'settings';

export interface NavItem {
  section: Section;
  path: `/${Section}`;
  /** The route pattern when the section has sub-paths (`/inbox/:conversationId`, `/settings/channels`). */
  routePath?: string;
  icon: IconName;
  /** Roles that see the item and may open the page. */
  roles: readonly Role[];
}

/** The sections of the app, in navigation order. Routes and the nav rail both read this. */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    section: 'inbox',
    path: '/inbox',
    routePath: '/inbox/:conversationId?',
    icon: 'inbox',
    roles: ROLES,
  },
  // The touchpoint manager takes no consults.
  {
    section: 'handoffs',
    path: '/handoffs',
    icon: 'handoff',
    roles: ['agent', 'supervisor', 'admin'],
  },
  {
    section: 'supervisor',
    path: '/supervisor',
    routePath: '/supervisor/:area?',
    icon: 'supervisor',
    roles: SEES_ALL_ROLES,
  },
  {
    section: 'journeys',
    path: '/journeys',
    routePath: '/journeys/:area?',
    icon: 'journey',
    roles: SEES_ALL_ROLES,
  },
  // Every team sees the goals it shares.
  {
    section: 'goals',
    path: '/goals',
    icon: 'goal',
    roles: ROLES,
  },
  {
    section: 'contacts',
    path: '/contacts',
    routePath: '/contacts/:contactId?',
    icon: 'contacts',
    roles: ROLES,
  },
  {
    section: 'settings',
    path: '/settings',
    routePath: '/settings/:area?',
    icon: 'settings',
    roles: ['admin'],
  },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function rolesFor(section: Section): readonly Role[] {
  return NAV_ITEMS.find((item) => item.section === section)?.roles ?? [];
}
