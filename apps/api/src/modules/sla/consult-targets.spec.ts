import type { BusinessCalendar, ChannelKind, ConversationPriority } from '@touchpoint/shared';
import { addBusinessSeconds } from './business-time';
import { consultTargetsFor, type ConsultTargetPolicy } from './consult-targets';

const MIN = 60;
const H = 3600;
const TEAM = { acceptSeconds: 15 * MIN, answerSeconds: 2 * H };

function policy(
  channelKind: ChannelKind | null,
  priority: ConversationPriority | null,
  consultAcceptSeconds: number | null,
  consultAnswerSeconds: number | null,
): ConsultTargetPolicy {
  return { channelKind, priority, consultAcceptSeconds, consultAnswerSeconds };
}

describe('consultTargetsFor', () => {
  const fallback = policy(null, null, 30 * MIN, 4 * H);
  const whatsapp = policy('whatsapp', null, 10 * MIN, null);
  const urgent = policy(null, 'urgent', null, H);
  const urgentWhatsapp = policy('whatsapp', 'urgent', 5 * MIN, null);
  const all = [fallback, whatsapp, urgent, urgentWhatsapp];

  it("uses the team's own targets without policies", () => {
    expect(consultTargetsFor([], { channelKind: 'email', priority: 'normal' }, TEAM)).toEqual(TEAM);
  });

  it('takes each target from the most specific matching policy that sets it', () => {
    // Acceptance from WhatsApp + urgent; its answer is null, so from "urgent" (before "WhatsApp").
    expect(consultTargetsFor(all, { channelKind: 'whatsapp', priority: 'urgent' }, TEAM)).toEqual({
      acceptSeconds: 5 * MIN,
      answerSeconds: H,
    });
    // "Urgent" sets no acceptance: the next less specific one that does ("WhatsApp").
    expect(
      consultTargetsFor(
        [fallback, whatsapp, urgent],
        { channelKind: 'whatsapp', priority: 'urgent' },
        TEAM,
      ),
    ).toEqual({ acceptSeconds: 10 * MIN, answerSeconds: H });
    expect(consultTargetsFor(all, { channelKind: 'email', priority: 'urgent' }, TEAM)).toEqual({
      acceptSeconds: 30 * MIN,
      answerSeconds: H,
    });
    expect(consultTargetsFor(all, { channelKind: 'whatsapp', priority: 'low' }, TEAM)).toEqual({
      acceptSeconds: 10 * MIN,
      answerSeconds: 4 * H,
    });
  });

  it("falls back to the team's own target when no matching policy sets it", () => {
    // Policies for conversations only (or for other scopes) leave the consult targets alone.
    const customerOnly = policy(null, null, null, null);
    expect(
      consultTargetsFor(
        [customerOnly, whatsapp],
        { channelKind: 'whatsapp', priority: 'high' },
        TEAM,
      ),
    ).toEqual({ acceptSeconds: 10 * MIN, answerSeconds: TEAM.answerSeconds });
    expect(
      consultTargetsFor(
        [customerOnly, whatsapp, urgent],
        { channelKind: 'email', priority: 'high' },
        TEAM,
      ),
    ).toEqual(TEAM);
  });

  it('does not depend on the order of the list', () => {
    expect(
      consultTargetsFor([...all].reverse(), { channelKind: 'whatsapp', priority: 'urgent' }, TEAM),
    ).toEqual({ acceptSeconds: 5 * MIN, answerSeconds: H });
  });

  it('matches only policies for any channel when the conversation has none', () => {
    expect(consultTargetsFor(all, { channelKind: null, priority: 'urgent' }, TEAM)).toEqual({
      acceptSeconds: 30 * MIN,
      answerSeconds: H,
    });
    expect(consultTargetsFor(all, { channelKind: null, priority: null }, TEAM)).toEqual({
      acceptSeconds: 30 * MIN,
      answerSeconds: 4 * H,
    });
  });
});

describe('consult due moments in business time', () => {
  const weekdays = [{ from: '08:00', to: '18:00' }];
  const officeHours: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    week: {
      '1': weekdays,
      '2': weekdays,
      '3': weekdays,
      '4': weekdays,
      '5': weekdays,
      '6': [],
      '7': [],
    },
    holidays: [],
  };

  it('a consult asked Friday 17:50 with 15 minutes to accept is due Monday 08:05 (over a DST change)', () => {
    // Friday 2025-03-28 17:50 CET; clocks go forward on Sunday; Monday 08:05 is CEST.
    const asked = new Date('2025-03-28T16:50:00Z');
    expect(addBusinessSeconds(officeHours, asked, 15 * MIN)).toEqual(
      new Date('2025-03-31T06:05:00Z'),
    );
  });

  it('skips a holiday', () => {
    const easter = { ...officeHours, holidays: ['2025-04-18', '2025-04-21'] };
    // Thursday 17:55, 2 hours to answer: 5 minutes on Thursday, the rest on Tuesday after Easter.
    expect(addBusinessSeconds(easter, new Date('2025-04-17T15:55:00Z'), 2 * H)).toEqual(
      new Date('2025-04-22T07:55:00Z'),
    );
  });
});
