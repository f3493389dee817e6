import type { Locale, Role } from '@touchpoint/shared';

export const DEMO_PASSWORD = 'touchpoint';
export const DEMO_COMPANY = 'Beispiel GmbH';

export const DEMO_TEAMS = [
  {
    name: 'Service',
    description: 'Orders, deliveries, returns and technical problems',
    // A customer whose problem is open or pending gets no offers meanwhile.
    holdsMarketing: 'open_and_pending',
  },
  {
    name: 'Sales',
    description: 'Offers, quotes and contracts',
    receivesLeads: true,
    // Talking to sales is no reason to stop marketing.
    holdsMarketing: 'none',
  },
  { name: 'Marketing', description: 'Campaigns and the social media profiles' },
] as const;

const OFFICE_DAY = [{ from: '08:00', to: '18:00' }];

/**
 * Service and Sales answer in office hours in Berlin, with the German public holidays every state
 * shares; Marketing has no SLA. Targets in business seconds.
 */
export const DEMO_SLA = {
  businessHours: {
    timeZone: 'Europe/Berlin',
    week: {
      '1': OFFICE_DAY,
      '2': OFFICE_DAY,
      '3': OFFICE_DAY,
      '4': OFFICE_DAY,
      '5': OFFICE_DAY,
      '6': [],
      '7': [],
    },
    holidays: [
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-17',
      '2027-10-03',
      '2027-12-25',
      '2027-12-26',
    ],
  },
  policies: {
    Service: [
      { priority: null, first: 3600, next: 4 * 3600, resolution: 20 * 3600 },
      { priority: 'urgent', first: 900, next: 3600, resolution: 8 * 3600 },
    ],
    Sales: [{ priority: null, first: 4 * 3600, next: 8 * 3600, resolution: 40 * 3600 }],
  },
} as const;

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
  // Reads every team's work and sets the shared goals; answers no customer.
  { email: 'maria@example.com', name: 'Maria Meyer', role: 'manager', locale: 'de', teams: [] },
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
