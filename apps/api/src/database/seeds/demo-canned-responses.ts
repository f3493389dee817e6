import type { CannedResponseLanguage } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import { CannedResponse } from '../../modules/canned-responses/canned-response.entity';
import { Label } from '../../modules/labels/label.entity';
import type { DEMO_TEAMS } from './demo-workspace';

type DemoTeam = (typeof DEMO_TEAMS)[number]['name'];

export const DEMO_LABELS = [
  { name: 'VIP', color: '#8250df' },
  { name: 'Reklamation', color: '#d1242f' },
  { name: 'Rechnung', color: '#0969da' },
  { name: 'Rückruf', color: '#1a7f37' },
] as const;

interface DemoCannedResponse {
  team: DemoTeam;
  shortcut: string;
  title: string;
  body: string;
  language: CannedResponseLanguage;
}

/** The answers each demo team gives every day, in German and English. */
export const DEMO_CANNED_RESPONSES: DemoCannedResponse[] = [
  {
    team: 'Service',
    shortcut: 'hallo',
    title: 'Begrüßung',
    body: 'Hallo {{contact.firstName}},\n\nvielen Dank für Ihre Nachricht. Ich kümmere mich darum und melde mich heute noch bei Ihnen.\n\nViele Grüße\n{{agent.name}}',
    language: 'de',
  },
  {
    team: 'Service',
    shortcut: 'hello',
    title: 'Greeting',
    body: "Hello {{contact.firstName}},\n\nthank you for your message. I'm looking into it and will get back to you today.\n\nBest regards,\n{{agent.name}}",
    language: 'en',
  },
  {
    team: 'Service',
    shortcut: 'retoure',
    title: 'Retourenschein',
    body: 'Hallo {{contact.firstName}},\n\nanbei erhalten Sie Ihren Retourenschein zu „{{conversation.subject}}“. Bitte legen Sie ihn dem Paket bei; die Erstattung erfolgt innerhalb von 5 Werktagen nach Eingang.\n\nViele Grüße\n{{agent.firstName}}',
    language: 'de',
  },
  {
    team: 'Service',
    shortcut: 'return',
    title: 'Return label',
    body: 'Hello {{contact.firstName}},\n\nplease find your return label for "{{conversation.subject}}" attached. Put it in the parcel; we refund within 5 working days of receiving it.\n\nBest regards,\n{{agent.firstName}}',
    language: 'en',
  },
  {
    team: 'Sales',
    shortcut: 'angebot',
    title: 'Angebot folgt',
    body: 'Hallo {{contact.firstName}},\n\nvielen Dank für Ihre Anfrage. Ihr Angebot erhalten Sie bis morgen per E-Mail.\n\nMit freundlichen Grüßen\n{{agent.name}}',
    language: 'de',
  },
  {
    team: 'Sales',
    shortcut: 'quote',
    title: 'Quote on its way',
    body: 'Hello {{contact.firstName}},\n\nthank you for your enquiry. You will receive our quote by email by tomorrow.\n\nKind regards,\n{{agent.name}}',
    language: 'en',
  },
  {
    team: 'Marketing',
    shortcut: 'danke',
    title: 'Danke fürs Feedback',
    body: 'Danke für Ihr Feedback, {{contact.firstName}}! Wir geben es an das Team weiter. – {{agent.firstName}}',
    language: 'de',
  },
  {
    team: 'Marketing',
    shortcut: 'thanks',
    title: 'Thanks for the feedback',
    body: 'Thanks for your feedback, {{contact.firstName}}! We are passing it on to the team. – {{agent.firstName}}',
    language: 'en',
  },
];

/** The demo workspace's labels and its teams' canned responses. */
export async function seedDemoCannedResponses(
  m: EntityManager,
  teamId: Map<string, string>,
): Promise<void> {
  await m.getRepository(Label).insert(DEMO_LABELS.map((l) => ({ ...l })));
  await m.getRepository(CannedResponse).insert(
    DEMO_CANNED_RESPONSES.map(({ team, ...r }) => ({
      ...r,
      teamId: teamId.get(team) as string,
      ownerId: null,
    })),
  );
}
