import type { Locale, Role } from '@touchpoint/shared';

export const DEMO_PASSWORD = 'touchpoint';
export const DEMO_COMPANY = 'Beispiel GmbH';

export const DEMO_TEAMS = [
  { name: 'Service', description: 'Orders, deliveries, returns and technical problems' },
  { name: 'Sales', description: 'Offers, quotes and contracts' },
  { name: 'Marketing', description: 'Campaigns and the social media profiles' },
] as const;

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  teams: (typeof DEMO_TEAMS)[number]['name'][];
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@example.com', name: 'Alex Admin', role: 'admin', locale: 'de', teams: [] },
  {
    email: 'supervisor@example.com',
    name: 'Sabine Supervisor',
    role: 'supervisor',
    locale: 'de',
    teams: ['Service', 'Sales', 'Marketing'],
  },
  {
    email: 'anna@example.com',
    name: 'Anna Schmidt',
    role: 'agent',
    locale: 'de',
    teams: ['Service'],
  },
  { email: 'ben@example.com', name: 'Ben Weber', role: 'agent', locale: 'en', teams: ['Service'] },
  {
    email: 'clara@example.com',
    name: 'Clara Fischer',
    role: 'agent',
    locale: 'de',
    teams: ['Sales'],
  },
  {
    email: 'david@example.com',
    name: 'David Becker',
    role: 'agent',
    locale: 'en',
    teams: ['Sales'],
  },
  {
    email: 'eva@example.com',
    name: 'Eva Wagner',
    role: 'agent',
    locale: 'de',
    teams: ['Marketing'],
  },
];

/** Inbox address of the demo email channel (inbound through the built-in SMTP intake). */
export const DEMO_MAIL_DOMAIN = 'example.com';

/**
 * The demo's channels, one per team, so the flow can be tried without setting one up. Outgoing mail
 * goes to a local mail catcher at DEMO_MAIL_RELAY (`docker/compose.yml`'s mailpit listens for SMTP on 1025).
 */
export const DEMO_CHANNELS = {
  website: { kind: 'webchat', name: 'Website', team: 'Marketing' },
  mailbox: {
    kind: 'email',
    name: 'Service mailbox',
    team: 'Service',
    address: `service@${DEMO_MAIL_DOMAIN}`,
  },
  form: {
    kind: 'form',
    name: 'Angebotsanfrage',
    team: 'Sales',
    address: `vertrieb@${DEMO_MAIL_DOMAIN}`,
  },
} as const;
