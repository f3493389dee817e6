import {
  ALWAYS_OPEN_CALENDAR,
  ISO_WEEKDAYS,
  type BusinessCalendar,
  type SlaPolicyRule,
} from '@touchpoint/shared';
import { nextClock, sameClock, slaWindows, type SlaClock, type SlaFacts } from './sla-clock';

const H = 3600;
const at = (iso: string) => new Date(iso);

/** Monday to Friday 09:00–17:00 in Europe/Berlin, Easter Monday 2026 (04-06) a holiday. */
const OFFICE: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(
    ISO_WEEKDAYS.map((day) => [day, Number(day) <= 5 ? [{ from: '09:00', to: '17:00' }] : []]),
  ) as BusinessCalendar['week'],
  holidays: ['2026-04-06'],
};

const rule = (over: Partial<SlaPolicyRule> = {}): SlaPolicyRule => ({
  channelKind: null,
  priority: null,
  firstResponseSeconds: 4 * H,
  nextResponseSeconds: 2 * H,
  resolutionSeconds: 40 * H,
  ...over,
});

const facts = (over: Partial<SlaFacts> = {}): SlaFacts => ({
  status: 'open',
  channelKind: 'email',
  priority: 'normal',
  waitingSince: at('2026-03-06T14:00:00Z'),
  firstResponseAt: null,
  createdAt: at('2026-03-06T14:00:00Z'),
  reopenedAt: null,
  ...over,
});

describe('slaWindows', () => {
  it('asks for a first response while nobody answered, and a resolution from the opening', () => {
    expect(slaWindows(facts(), [rule()])).toEqual({
      response: {
        metric: 'first_response',
        targetSeconds: 4 * H,
        windowStart: at('2026-03-06T14:00:00Z'),
        paused: false,
      },
      resolution: {
        metric: 'resolution',
        targetSeconds: 40 * H,
        windowStart: at('2026-03-06T14:00:00Z'),
        paused: false,
      },
    });
  });

  it('asks for the next response once staff answered, and only while the customer waits', () => {
    const answered = facts({ firstResponseAt: at('2026-03-06T15:00:00Z') });
    expect(slaWindows(answered, [rule()]).response).toMatchObject({
      metric: 'next_response',
      targetSeconds: 2 * H,
    });
    expect(slaWindows({ ...answered, waitingSince: null }, [rule()]).response).toBeNull();
  });

  it('counts the resolution of a reopened conversation from the reopening', () => {
    const reopened = facts({ reopenedAt: at('2026-03-10T08:00:00Z') });
    expect(slaWindows(reopened, [rule()]).resolution?.windowStart).toEqual(
      at('2026-03-10T08:00:00Z'),
    );
  });

  it('pauses both while pending or snoozed, and has none once resolved or without a policy', () => {
    for (const status of ['pending', 'snoozed'] as const) {
      const w = slaWindows(facts({ status }), [rule()]);
      expect([w.response?.paused, w.resolution?.paused]).toEqual([true, true]);
    }
    expect(slaWindows(facts({ status: 'resolved' }), [rule()])).toEqual({
      response: null,
      resolution: null,
    });
    expect(slaWindows(facts(), [])).toEqual({ response: null, resolution: null });
  });

  it('takes the most specific policy, and no clock for a target it leaves empty', () => {
    const urgent = rule({ priority: 'urgent', firstResponseSeconds: H, resolutionSeconds: null });
    const w = slaWindows(facts({ priority: 'urgent' }), [rule(), urgent]);
    expect(w.response?.targetSeconds).toBe(H);
    expect(w.resolution).toBeNull();
  });
});

describe('nextClock', () => {
  const window = (over: Partial<Parameters<typeof nextClock>[1] & object> = {}) => ({
    metric: 'first_response' as const,
    targetSeconds: 4 * H,
    windowStart: at('2026-03-06T14:00:00Z'),
    paused: false,
    ...over,
  });

  it('runs over the weekend in business time: Friday 15:00 plus 4 h is Monday 11:00', () => {
    // Fri 2026-03-06 15:00 CET = 14:00Z; 2 h on Friday, 2 h on Monday 09:00–11:00 CET = 10:00Z.
    // At risk after 3.2 h: Friday 2 h, Monday 1.2 h = 10:12 CET.
    const clock = nextClock(null, window(), OFFICE, at('2026-03-06T14:00:00Z'));
    expect(clock).toEqual({
      metric: 'first_response',
      targetSeconds: 4 * H,
      windowStart: at('2026-03-06T14:00:00Z'),
      countingSince: at('2026-03-06T14:00:00Z'),
      usedSeconds: 0,
      riskAt: at('2026-03-09T09:12:00Z'),
      dueAt: at('2026-03-09T10:00:00Z'),
      riskFiredAt: null,
      breachedAt: null,
    });
  });

  it('skips a holiday: Friday 16:00 before Easter Monday plus 4 h is Tuesday 12:00', () => {
    // Fri 2026-04-03 16:00 CEST = 14:00Z: 1 h on Friday; the weekend and Easter Monday are
    // closed; 3 h on Tuesday 09:00–12:00 CEST = 10:00Z.
    const clock = nextClock(
      null,
      window({ windowStart: at('2026-04-03T14:00:00Z') }),
      OFFICE,
      at('2026-04-03T14:00:00Z'),
    );
    expect(clock?.dueAt).toEqual(at('2026-04-07T10:00:00Z'));
  });

  it('crosses the spring-forward night with the clock in real hours', () => {
    // Around the clock in Europe/Berlin; Sat 2026-03-28 23:00 CET = 22:00Z, 4 h later is
    // 04:00 CEST on Sunday (clocks jump from 02:00 to 03:00), still 02:00Z.
    const clock = nextClock(
      null,
      window({ windowStart: at('2026-03-28T22:00:00Z') }),
      ALWAYS_OPEN_CALENDAR,
      at('2026-03-28T22:00:00Z'),
    );
    expect(clock?.dueAt).toEqual(at('2026-03-29T02:00:00Z'));
  });

  it('banks the time used when paused, and counts the rest from the resume', () => {
    const started = nextClock(null, window(), OFFICE, at('2026-03-06T14:00:00Z'));
    // Pending at Friday 16:30 CET (15:30Z): 1.5 h used; nothing can come due while paused.
    const paused = nextClock(started, window({ paused: true }), OFFICE, at('2026-03-06T15:30:00Z'));
    expect(paused).toMatchObject({
      countingSince: null,
      usedSeconds: 1.5 * H,
      riskAt: null,
      dueAt: null,
    });
    // The customer answers on Tuesday 10:00 CET (09:00Z): 2.5 h left, due Tuesday 12:30 CET.
    const resumed = nextClock(paused, window(), OFFICE, at('2026-03-10T09:00:00Z'));
    expect(resumed).toMatchObject({
      countingSince: at('2026-03-10T09:00:00Z'),
      usedSeconds: 1.5 * H,
      // 3.2 h − 1.5 h = 1.7 h after 10:00 CET: 11:42 CET.
      riskAt: at('2026-03-10T10:42:00Z'),
      dueAt: at('2026-03-10T11:30:00Z'),
    });
  });

  it('starts a new window from nothing and forgets what fired in the old one', () => {
    const fired: SlaClock = {
      ...nextClock(null, window(), OFFICE, at('2026-03-06T14:00:00Z'))!,
      riskFiredAt: at('2026-03-09T09:12:00Z'),
      breachedAt: at('2026-03-09T10:00:00Z'),
    };
    const next = nextClock(
      fired,
      window({
        metric: 'next_response',
        targetSeconds: 2 * H,
        windowStart: at('2026-03-10T09:00:00Z'),
      }),
      OFFICE,
      at('2026-03-10T09:00:00Z'),
    );
    expect(next).toMatchObject({
      metric: 'next_response',
      usedSeconds: 0,
      dueAt: at('2026-03-10T11:00:00Z'),
      riskFiredAt: null,
      breachedAt: null,
    });
  });

  it('moves the moments when the target changes, keeping a breach that stays behind', () => {
    const breached: SlaClock = {
      ...nextClock(null, window(), OFFICE, at('2026-03-06T14:00:00Z'))!,
      riskFiredAt: at('2026-03-09T09:12:00Z'),
      breachedAt: at('2026-03-09T10:00:00Z'),
    };
    const now = at('2026-03-09T10:30:00Z');
    const shorter = nextClock(breached, window({ targetSeconds: 3 * H }), OFFICE, now);
    expect(shorter).toMatchObject({
      dueAt: at('2026-03-09T09:00:00Z'),
      breachedAt: at('2026-03-09T10:00:00Z'),
    });
    // A longer target puts the deadline ahead again: it may fire anew.
    const longer = nextClock(breached, window({ targetSeconds: 8 * H }), OFFICE, now);
    expect(longer).toMatchObject({
      dueAt: at('2026-03-09T14:00:00Z'),
      riskFiredAt: null,
      breachedAt: null,
    });
  });

  it('is stable: planning the same facts again changes nothing', () => {
    const now = at('2026-03-06T14:00:00Z');
    const once = nextClock(null, window(), OFFICE, now);
    const twice = nextClock(once, window(), OFFICE, at('2026-03-06T16:00:00Z'));
    expect(sameClock(once, twice)).toBe(true);
    expect(sameClock(once, { ...once!, usedSeconds: 1 })).toBe(false);
    expect(nextClock(once, null, OFFICE, now)).toBeNull();
  });
});
