import type { NotificationDto } from '@touchpoint/shared';
import { createI18n } from '../../../lib/i18n';
import { notificationSentence } from './notification-text';

function notification(overrides: Partial<NotificationDto>): NotificationDto {
  return {
    id: 'n1',
    kind: 'handoff.requested',
    conversationId: 'c1',
    handoffId: 'h1',
    actor: { id: 'u-eva', name: 'Eva' },
    handoff: null,
    contactName: 'Kim Kunde',
    text: 'Bestellung 4711 beschädigt',
    readAt: null,
    createdAt: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

describe('notificationSentence', () => {
  const i18n = createI18n();
  const en = i18n.getFixedT('en');
  const de = i18n.getFixedT('de');
  const service = { id: 't1', name: 'Service' };

  it('names the team asked and tells a consult from a transfer', () => {
    const consult = notification({ handoff: { kind: 'consult', team: service } });
    expect(notificationSentence(consult, en)).toBe('Eva asked Service for help');
    expect(notificationSentence(consult, de)).toBe('Eva bittet Service um Hilfe');
    const toMe = notification({ handoff: { kind: 'transfer', team: null } });
    expect(notificationSentence(toMe, en)).toBe('Eva wants to hand a conversation over to you');
    expect(notificationSentence(toMe, de)).toBe('Eva möchte Ihnen eine Konversation übergeben');
  });

  it('says what was accepted or declined', () => {
    const anna = { id: 'u-anna', name: 'Anna' };
    expect(
      notificationSentence(
        notification({
          kind: 'handoff.accepted',
          actor: anna,
          handoff: { kind: 'transfer', team: null },
        }),
        en,
      ),
    ).toBe('Anna took over your conversation');
    expect(
      notificationSentence(
        notification({
          kind: 'handoff.declined',
          actor: anna,
          handoff: { kind: 'consult', team: service },
        }),
        de,
      ),
    ).toBe('Anna hat Ihre Rückfrage abgelehnt');
  });

  it('falls back to the general sentence without handoff details', () => {
    expect(notificationSentence(notification({}), en)).toBe('Eva asked for help');
  });
});
