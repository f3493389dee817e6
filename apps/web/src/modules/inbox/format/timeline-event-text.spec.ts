import type { TimelineEventDto } from '@touchpoint/shared';
import { createI18n } from '../../../lib/i18n';
import { timelineEventText } from './timeline-event-text';

function event(
  kind: TimelineEventDto['kind'],
  data: Record<string, unknown>,
  actor: TimelineEventDto['actor'] = null,
): TimelineEventDto {
  return {
    id: 'e1',
    conversationId: 'c1',
    seq: 3,
    kind,
    actor,
    data,
    createdAt: '2026-11-22T10:00:00Z',
  };
}

describe('timelineEventText', () => {
  const i18n = createI18n();
  const en = i18n.getFixedT('en');
  const de = i18n.getFixedT('de');
  const eva = { id: 'u-eva', name: 'Eva' };
  const anna = { id: 'u-anna', name: 'Anna' };

  it('tells automatic assignment apart from a person assigning', () => {
    const automatic = event('conversation.assigned', {
      owner: anna,
      previousOwner: null,
      automatic: true,
    });
    expect(timelineEventText(automatic, en)).toBe('Assigned automatically to Anna');
    expect(timelineEventText(automatic, de)).toBe('Automatisch Anna zugewiesen');
    const byEva = event('conversation.assigned', { owner: anna }, eva);
    expect(timelineEventText(byEva, en)).toBe('Eva assigned the conversation to Anna');
    expect(
      timelineEventText(event('conversation.assigned', { owner: eva }, eva), en),
    ).not.toContain('automatically');
  });

  it('names who was kept in or removed, and by whom', () => {
    const kept = timelineEventText(event('participant.kept', { user: anna }, eva), en);
    expect(kept).toContain('Eva');
    expect(kept).toContain('Anna');
    const removed = timelineEventText(event('participant.removed', { user: anna }, eva), de);
    expect(removed).toContain('Anna');
    expect(removed).not.toBe(kept);
  });

  it('says a waiting request expired when the conversation was resolved', () => {
    expect(timelineEventText(event('handoff.expired', { kind: 'consult' }), en)).toBe(
      'The consult request expired: the conversation was resolved',
    );
    expect(timelineEventText(event('handoff.expired', { kind: 'transfer' }), de)).toBe(
      'Die Übergabeanfrage ist verfallen: die Konversation ist erledigt',
    );
  });

  it('tells a consult not accepted in time apart from one not answered in time', () => {
    const notAccepted = event('handoff.escalated', {
      kind: 'consult',
      phase: 'accept',
      team: null,
    });
    expect(timelineEventText(notAccepted, en)).toBe(
      'Nobody accepted the handoff in time: supervisors were alerted',
    );
    const notAnswered = event('handoff.escalated', {
      kind: 'consult',
      phase: 'answer',
      user: anna,
    });
    expect(timelineEventText(notAnswered, en)).toBe(
      'Anna did not answer the consult in time: supervisors were alerted',
    );
    expect(timelineEventText(notAnswered, de)).toBe(
      'Anna hat die Rückfrage nicht rechtzeitig beantwortet: Die Teamleitung wurde benachrichtigt',
    );
  });

  it('says whom a supervisor reminded of a request', () => {
    const sam = { id: 'u9', name: 'Sam' };
    expect(timelineEventText(event('handoff.nudged', { user: anna }, sam), en)).toBe(
      'Sam reminded Anna of the request',
    );
    const team = event('handoff.nudged', { user: null, team: { id: 't1', name: 'Sales' } }, sam);
    expect(timelineEventText(team, de)).toBe('Sam hat Sales an die Anfrage erinnert');
  });

  it('says a snoozed conversation woke up by itself', () => {
    const woke = event('conversation.woke_up', { snoozedUntil: '2026-11-23T08:00:00.000Z' });
    expect(timelineEventText(woke, en)).toBe('Snooze over: the conversation is open again');
    expect(timelineEventText(woke, de)).toBe(
      'Zurückstellung abgelaufen: die Konversation ist wieder offen',
    );
  });

  it('names the SLA target a conversation is close to or missed, in both languages', () => {
    const data = {
      metric: 'first_response',
      dueAt: '2026-11-23T08:00:00.000Z',
      targetSeconds: 3600,
    };
    expect(timelineEventText(event('sla.at_risk', data), en)).toBe(
      'The first response is close to its SLA target',
    );
    expect(timelineEventText(event('sla.breached', { ...data, metric: 'resolution' }), de)).toBe(
      'Die Lösung hat das SLA-Ziel verfehlt; die Teamleitung wurde benachrichtigt',
    );
  });
});
