import {
  ALWAYS_OPEN_CALENDAR,
  businessCalendarSchema,
  ISO_WEEKDAYS,
  type BusinessCalendar,
  type BusinessInterval,
} from '@touchpoint/shared';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addBusinessSeconds,
  businessSecondsBetween,
  ClosedCalendarError,
  dueAt,
  elapsedBusinessSeconds,
  type BusinessPause,
} from './business-time';

const H = 3600;
const at = (iso: string) => new Date(iso);

function calendar(
  days: Partial<Record<(typeof ISO_WEEKDAYS)[number], BusinessInterval[]>>,
  extra: Partial<BusinessCalendar> = {},
): BusinessCalendar {
  return {
    timeZone: 'Europe/Berlin',
    week: Object.fromEntries(
      ISO_WEEKDAYS.map((day) => [day, days[day] ?? []]),
    ) as BusinessCalendar['week'],
    holidays: [],
    ...extra,
  };
}

const everyDay = (intervals: BusinessInterval[]) =>
  Object.fromEntries(ISO_WEEKDAYS.map((day) => [day, intervals]));
const nineToFive = [{ from: '09:00', to: '17:00' }];
const weekdays = {
  '1': nineToFive,
  '2': nineToFive,
  '3': nineToFive,
  '4': nineToFive,
  '5': nineToFive,
};

/** Monday to Friday 09:00–17:00 in Europe/Berlin (CET = UTC+1 in winter, CEST = UTC+2 in summer). */
const OFFICE = calendar(weekdays);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('addBusinessSeconds', () => {
  it('rolls a Friday-evening start over the weekend to Monday', () => {
    // Fri 2026-03-06 16:00 CET = 15:00Z. 2 h: 16:00–17:00 Friday (1 h), Saturday and Sunday
    // closed, Monday 09:00–10:00 (1 h) → Mon 2026-03-09 10:00 CET = 09:00Z.
    const start = at('2026-03-06T15:00:00Z');
    expect(addBusinessSeconds(OFFICE, start, 2 * H)).toEqual(at('2026-03-09T09:00:00Z'));
    expect(businessSecondsBetween(OFFICE, start, at('2026-03-09T09:00:00Z'))).toBe(2 * H);
  });

  it('begins counting at the next opening when it starts in closed time', () => {
    // Sat 2026-03-07 12:00 CET: closed until Mon 09:00 CET; 1 h → Mon 10:00 CET = 09:00Z.
    expect(addBusinessSeconds(OFFICE, at('2026-03-07T11:00:00Z'), H)).toEqual(
      at('2026-03-09T09:00:00Z'),
    );
    // Mon 2026-03-02 07:00 CET, before opening: 30 min from 09:00 → 09:30 CET = 08:30Z.
    expect(addBusinessSeconds(OFFICE, at('2026-03-02T06:00:00Z'), 1800)).toEqual(
      at('2026-03-02T08:30:00Z'),
    );
    // Between Sat 12:00 and Mon 09:30 only Monday 09:00–09:30 is open: 1800 s.
    expect(
      businessSecondsBetween(OFFICE, at('2026-03-07T11:00:00Z'), at('2026-03-09T08:30:00Z')),
    ).toBe(1800);
  });

  it('answers the closing time, not the next opening, when the target fills the day', () => {
    // Mon 09:00 CET + 8 h = Mon 17:00 CET = 16:00Z (not Tuesday 09:00).
    expect(addBusinessSeconds(OFFICE, at('2026-03-02T08:00:00Z'), 8 * H)).toEqual(
      at('2026-03-02T16:00:00Z'),
    );
  });

  it('skips holidays', () => {
    const christmas = calendar(weekdays, {
      holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31'],
    });
    // Wed 2026-12-23 15:00 CET = 14:00Z, 8 h: Wednesday 15:00–17:00 (2 h); Thu 24 and Fri 25
    // holidays; Sat 26 and Sun 27 closed; Mon 28 09:00 + 6 h = 15:00 CET = 14:00Z.
    expect(addBusinessSeconds(christmas, at('2026-12-23T14:00:00Z'), 8 * H)).toEqual(
      at('2026-12-28T14:00:00Z'),
    );
    // Dec 23 to Jan 1 (local midnights): open on 23, 28, 29, 30 (31 is a holiday) = 4 × 8 h.
    expect(
      businessSecondsBetween(christmas, at('2026-12-22T23:00:00Z'), at('2026-12-31T23:00:00Z')),
    ).toBe(32 * H);
    // Without the holidays: 23, 24, 25, 28, 29, 30, 31 = 7 × 8 h.
    expect(
      businessSecondsBetween(OFFICE, at('2026-12-22T23:00:00Z'), at('2026-12-31T23:00:00Z')),
    ).toBe(56 * H);
  });

  it('reaches zero seconds at the start itself, even in closed time', () => {
    const saturday = at('2026-03-07T11:00:00Z');
    const answer = addBusinessSeconds(OFFICE, saturday, 0);
    expect(answer).toEqual(saturday);
    expect(answer).not.toBe(saturday);
  });

  it('works in whole weeks over long targets', () => {
    // 90 days = 7,776,000 s = 270 office days of 8 h = 54 weeks of 5 days. From Mon 2026-03-02
    // 09:00 the 270th day is the Friday of the 54th week, 2026-03-02 + 53 weeks + 4 days =
    // Fri 2027-03-12, closing at 17:00 CET = 16:00Z (Berlin's clocks change only on 2027-03-28).
    expect(addBusinessSeconds(OFFICE, at('2026-03-02T08:00:00Z'), 90 * 24 * H)).toEqual(
      at('2027-03-12T16:00:00Z'),
    );
    // Open around the clock for ten years: exactly the real time, 3653 days (ten springs
    // forward and ten autumns back cancel out).
    expect(
      businessSecondsBetween(
        ALWAYS_OPEN_CALENDAR,
        at('2020-01-01T00:00:00Z'),
        at('2030-01-01T00:00:00Z'),
      ),
    ).toBe(3653 * 24 * H);
  });
});

describe('businessSecondsBetween', () => {
  it('is 0 for an empty or reversed range', () => {
    const monday = at('2026-03-02T10:00:00Z');
    expect(businessSecondsBetween(OFFICE, monday, monday)).toBe(0);
    expect(businessSecondsBetween(OFFICE, monday, at('2026-03-02T09:00:00Z'))).toBe(0);
  });

  it('counts milliseconds as fractions of a second', () => {
    // Mon 10:00:00.250 CET to 10:00:01 CET: 0.75 s.
    expect(
      businessSecondsBetween(OFFICE, at('2026-03-02T09:00:00.250Z'), at('2026-03-02T09:00:01Z')),
    ).toBe(0.75);
  });

  it('counts several intervals a day', () => {
    const split = calendar({
      '1': [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:30' },
      ],
    });
    // Mon 2026-03-02 11:00 CET to 14:00 CET: 11:00–12:00 and 13:00–14:00 = 2 h.
    expect(
      businessSecondsBetween(split, at('2026-03-02T10:00:00Z'), at('2026-03-02T13:00:00Z')),
    ).toBe(2 * H);
    // 3.5 h from 11:00: 1 h until 12:00, then 13:00 + 2.5 h = 15:30 CET = 14:30Z.
    expect(addBusinessSeconds(split, at('2026-03-02T10:00:00Z'), 3.5 * H)).toEqual(
      at('2026-03-02T14:30:00Z'),
    );
  });
});

describe('daylight saving time in Europe/Berlin', () => {
  it('gives a 24/7 calendar 23 hours on the March day and 25 on the October day', () => {
    // 2026-03-29 00:00 CET = 03-28 23:00Z; 2026-03-30 00:00 CEST = 03-29 22:00Z: 23 h.
    expect(
      businessSecondsBetween(
        ALWAYS_OPEN_CALENDAR,
        at('2026-03-28T23:00:00Z'),
        at('2026-03-29T22:00:00Z'),
      ),
    ).toBe(23 * H);
    // 24 h from that midnight: 23 h to the next midnight + 1 h = Mon 01:00 CEST = 03-29 23:00Z.
    expect(addBusinessSeconds(ALWAYS_OPEN_CALENDAR, at('2026-03-28T23:00:00Z'), 24 * H)).toEqual(
      at('2026-03-29T23:00:00Z'),
    );
    // 2026-10-25 00:00 CEST = 10-24 22:00Z; 2026-10-26 00:00 CET = 10-25 23:00Z: 25 h.
    expect(
      businessSecondsBetween(
        ALWAYS_OPEN_CALENDAR,
        at('2026-10-24T22:00:00Z'),
        at('2026-10-25T23:00:00Z'),
      ),
    ).toBe(25 * H);
    // 24 h from that midnight end at 23:00 CET the same day = 10-25 22:00Z.
    expect(addBusinessSeconds(ALWAYS_OPEN_CALENDAR, at('2026-10-24T22:00:00Z'), 24 * H)).toEqual(
      at('2026-10-25T22:00:00Z'),
    );
  });

  it('keeps 09:00–17:00 local on both sides of the change', () => {
    // Fri 2026-03-27 16:00 CET = 15:00Z, 2 h: 1 h Friday, then Mon 03-30 09:00 CEST + 1 h =
    // 10:00 CEST = 08:00Z.
    expect(addBusinessSeconds(OFFICE, at('2026-03-27T15:00:00Z'), 2 * H)).toEqual(
      at('2026-03-30T08:00:00Z'),
    );
    // Fri 09:00 CET (08:00Z) to Mon 17:00 CEST (15:00Z): 8 h + 8 h.
    expect(
      businessSecondsBetween(OFFICE, at('2026-03-27T08:00:00Z'), at('2026-03-30T15:00:00Z')),
    ).toBe(16 * H);
  });

  it('counts real time in a night interval across the change', () => {
    const night = calendar(everyDay([{ from: '01:00', to: '05:00' }]));
    // Sun 2026-03-29: 01:00 CET = 00:00Z to 05:00 CEST = 03:00Z: 3 h (02:00–03:00 never happens).
    expect(
      businessSecondsBetween(night, at('2026-03-29T00:00:00Z'), at('2026-03-29T12:00:00Z')),
    ).toBe(3 * H);
    expect(addBusinessSeconds(night, at('2026-03-29T00:00:00Z'), 3 * H)).toEqual(
      at('2026-03-29T03:00:00Z'),
    );
    // Sun 2026-10-25: 01:00 CEST = 10-24 23:00Z to 05:00 CET = 04:00Z: 5 h (02:00–03:00 twice).
    expect(
      businessSecondsBetween(night, at('2026-10-24T23:00:00Z'), at('2026-10-25T12:00:00Z')),
    ).toBe(5 * H);
    // 4.5 h from 01:00 CEST = 23:00Z + 4.5 h = 03:30Z = 04:30 CET.
    expect(addBusinessSeconds(night, at('2026-10-24T23:00:00Z'), 4.5 * H)).toEqual(
      at('2026-10-25T03:30:00Z'),
    );

    const nightShift = calendar(
      everyDay([
        { from: '00:00', to: '06:00' },
        { from: '22:00', to: '24:00' },
      ]),
    );
    // Sat 03-28 22:00 CET = 21:00Z to Sun 06:00 CEST = 04:00Z, open throughout: 7 h, not 8.
    expect(
      businessSecondsBetween(nightShift, at('2026-03-28T21:00:00Z'), at('2026-03-29T04:00:00Z')),
    ).toBe(7 * H);
    // Sat 10-24 22:00 CEST = 20:00Z to Sun 06:00 CET = 05:00Z: 9 h, not 8.
    expect(
      businessSecondsBetween(nightShift, at('2026-10-24T20:00:00Z'), at('2026-10-25T05:00:00Z')),
    ).toBe(9 * H);
    // 8 h from Sat 22:00 CET: 7 h by Sun 06:00 CEST, then Sun 22:00 CEST (20:00Z) + 1 h = 21:00Z.
    expect(addBusinessSeconds(nightShift, at('2026-03-28T21:00:00Z'), 8 * H)).toEqual(
      at('2026-03-29T21:00:00Z'),
    );
  });

  it('opens at the jump when the opening time is skipped, and at its first occurrence when repeated', () => {
    const early = calendar(everyDay([{ from: '02:30', to: '04:00' }]));
    // 2026-03-29: 02:30 does not exist; open from the jump (03:00 CEST = 01:00Z) to 04:00 CEST
    // = 02:00Z: 1 h.
    expect(
      businessSecondsBetween(early, at('2026-03-29T00:00:00Z'), at('2026-03-29T12:00:00Z')),
    ).toBe(H);
    // 2026-10-25: from the first 02:30 (CEST = 00:30Z) to 04:00 CET = 03:00Z: 2.5 h.
    expect(
      businessSecondsBetween(early, at('2026-10-25T00:00:00Z'), at('2026-10-25T12:00:00Z')),
    ).toBe(2.5 * H);
  });
});

describe('another zone: America/New_York', () => {
  const newYork = calendar(weekdays, { timeZone: 'America/New_York' });

  it('rolls a Friday-evening start to Monday across the March change', () => {
    // Fri 2026-03-06 16:00 EST (UTC-5) = 21:00Z; 1 h Friday; clocks go forward on Sun 03-08;
    // Mon 03-09 09:00 EDT (UTC-4) + 1 h = 10:00 EDT = 14:00Z.
    expect(addBusinessSeconds(newYork, at('2026-03-06T21:00:00Z'), 2 * H)).toEqual(
      at('2026-03-09T14:00:00Z'),
    );
    // 65 h pass in reality, 2 h of them open.
    expect(
      businessSecondsBetween(newYork, at('2026-03-06T21:00:00Z'), at('2026-03-09T14:00:00Z')),
    ).toBe(2 * H);
  });

  it('has a 23-hour and a 25-hour day around the clock', () => {
    const allDay = { ...ALWAYS_OPEN_CALENDAR, timeZone: 'America/New_York' };
    // 2026-03-08 00:00 EST = 05:00Z to 03-09 00:00 EDT = 04:00Z: 23 h.
    expect(
      businessSecondsBetween(allDay, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z')),
    ).toBe(23 * H);
    // 2026-11-01 00:00 EDT = 04:00Z to 11-02 00:00 EST = 05:00Z: 25 h.
    expect(
      businessSecondsBetween(allDay, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z')),
    ).toBe(25 * H);
  });
});

describe('dueAt and elapsedBusinessSeconds with pauses', () => {
  // Mon 2026-03-02 09:00 CET = 08:00Z; every time below is CET (UTC+1).
  const start = at('2026-03-02T08:00:00Z');
  const cet = (day: number, time: string) => new Date(`2026-03-0${day}T${time}:00+01:00`);
  const pause = (from: Date, to: Date | null): BusinessPause => ({ from, to });

  it('is the plain business time without pauses', () => {
    // 09:00 + 4 h = 13:00.
    expect(dueAt(OFFICE, start, 4 * H, [])).toEqual(cet(2, '13:00'));
  });

  it('moves by a pause inside open time', () => {
    // 1 h paused (10:00–11:00): 13:00 + 1 h = 14:00.
    expect(dueAt(OFFICE, start, 4 * H, [pause(cet(2, '10:00'), cet(2, '11:00'))])).toEqual(
      cet(2, '14:00'),
    );
  });

  it('merges overlapping, unsorted pauses', () => {
    // 10:30–11:30 and 10:00–11:00 together pause 10:00–11:30 (1.5 h): 13:00 + 1.5 h = 14:30.
    const pauses = [
      pause(cet(2, '10:30'), cet(2, '11:30')),
      pause(cet(2, '10:00'), cet(2, '11:00')),
    ];
    expect(dueAt(OFFICE, start, 4 * H, pauses)).toEqual(cet(2, '14:30'));
    expect(elapsedBusinessSeconds(OFFICE, start, cet(2, '12:00'), pauses)).toBe(1.5 * H);
  });

  it('loses only open time to a pause across the night', () => {
    // 8 h: 09:00–16:00 counts 7 h; paused Mon 16:00 to Tue 10:00 (Mon 16–17 and Tue 09–10 are
    // open but paused, the night is closed anyway); the last hour Tue 10:00–11:00.
    expect(dueAt(OFFICE, start, 8 * H, [pause(cet(2, '16:00'), cet(3, '10:00'))])).toEqual(
      cet(3, '11:00'),
    );
  });

  it('ignores paused time before the start', () => {
    // Paused from Sunday until Mon 09:30: counting starts at 09:30; + 4 h = 13:30.
    expect(dueAt(OFFICE, start, 4 * H, [pause(cet(1, '12:00'), cet(2, '09:30'))])).toEqual(
      cet(2, '13:30'),
    );
  });

  it('has no due time while a pause is open, unless the target ran out before it', () => {
    // Paused from 10:00 with no end: 1 h counted, 3 h left, the clock stands still.
    expect(dueAt(OFFICE, start, 4 * H, [pause(cet(2, '10:00'), null)])).toBeNull();
    // 30 min ran out at 09:30, before the pause began: that (past) instant stays the answer.
    expect(dueAt(OFFICE, start, 1800, [pause(cet(2, '10:00'), null)])).toEqual(cet(2, '09:30'));
    // A pause that ended before it began (bad data) stops no clock.
    expect(dueAt(OFFICE, start, 4 * H, [pause(cet(2, '11:00'), cet(2, '10:00'))])).toEqual(
      cet(2, '13:00'),
    );
  });

  it('runs a zero target out at the start', () => {
    expect(dueAt(OFFICE, start, 0, [])).toEqual(start);
    expect(dueAt(OFFICE, start, 0, [pause(start, null)])).toEqual(start);
  });

  it('counts open, unpaused seconds consumed so far', () => {
    // Mon 09:00 to Tue 12:00: open Mon 8 h + Tue 09–12 3 h = 11 h. Paused Mon 10–11 (1 h) and
    // Tue 08:00–09:30, of which 09:00–09:30 is open (0.5 h): 11 − 1.5 = 9.5 h.
    const pauses = [
      pause(cet(2, '10:00'), cet(2, '11:00')),
      pause(cet(3, '08:00'), cet(3, '09:30')),
    ];
    expect(elapsedBusinessSeconds(OFFICE, start, cet(3, '12:00'), pauses)).toBe(9.5 * H);
    // Paused again from 11:00 with no end: Tue 11–12 does not count either: 8.5 h.
    expect(
      elapsedBusinessSeconds(OFFICE, start, cet(3, '12:00'), [
        ...pauses,
        pause(cet(3, '11:00'), null),
      ]),
    ).toBe(8.5 * H);
    expect(elapsedBusinessSeconds(OFFICE, start, start, pauses)).toBe(0);
  });

  it('agrees with dueAt: at the due time the whole target is consumed', () => {
    const pauses = [
      pause(cet(2, '16:00'), cet(3, '10:00')),
      pause(cet(4, '12:00'), cet(4, '15:00')),
    ];
    // 20 h: Mon 09–16 (7 h), Tue 10–17 (7 h, 14), Wed 09–12 (3 h, 17), paused 12–15,
    // Wed 15–17 (2 h, 19), Thu 09:00 + 1 h = 10:00.
    expect(dueAt(OFFICE, start, 20 * H, pauses)).toEqual(cet(5, '10:00'));
    expect(elapsedBusinessSeconds(OFFICE, start, cet(5, '10:00'), pauses)).toBe(20 * H);
  });
});

describe('edge behaviour', () => {
  const closed = calendar({});

  it('refuses to answer when the week has no open time, and counts nothing', () => {
    const start = at('2026-03-02T08:00:00Z');
    expect(() => addBusinessSeconds(closed, start, 60)).toThrow(ClosedCalendarError);
    expect(() => dueAt(closed, start, 60, [])).toThrow(ClosedCalendarError);
    expect(addBusinessSeconds(closed, start, 0)).toEqual(start);
    expect(businessSecondsBetween(closed, start, at('2027-03-02T08:00:00Z'))).toBe(0);
    expect(elapsedBusinessSeconds(closed, start, at('2027-03-02T08:00:00Z'), [])).toBe(0);
  });

  it('refuses bad arguments', () => {
    const start = at('2026-03-02T08:00:00Z');
    expect(() => addBusinessSeconds(OFFICE, start, -1)).toThrow(RangeError);
    expect(() => addBusinessSeconds(OFFICE, start, Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessSeconds(OFFICE, new Date('nope'), 60)).toThrow(RangeError);
    expect(() =>
      businessSecondsBetween({ ...OFFICE, timeZone: 'Mars/Olympus' }, start, start),
    ).toThrow(RangeError);
  });

  it('never changes its inputs', () => {
    const frozen = deepFreeze(calendar(weekdays, { holidays: ['2026-03-03'] }));
    const start = at('2026-03-02T08:00:00Z');
    const pauses = deepFreeze([
      { from: at('2026-03-02T09:00:00Z'), to: at('2026-03-02T10:00:00Z') },
    ]);
    const before = JSON.stringify({ frozen, start, pauses });
    // 4 h: Monday 09:00 + 1 h, paused 1 h, then until 14:00 CET = 13:00Z.
    expect(dueAt(frozen, start, 4 * H, pauses)).toEqual(at('2026-03-02T13:00:00Z'));
    // 9 h: Monday 09:00–17:00 (8 h), Tuesday a holiday, Wed 09:00 + 1 h = 10:00 CET = 09:00Z.
    expect(addBusinessSeconds(frozen, start, 9 * H)).toEqual(at('2026-03-04T09:00:00Z'));
    expect(JSON.stringify({ frozen, start, pauses })).toBe(before);
  });
});

describe('properties', () => {
  const ZONES = [
    'Europe/Berlin',
    'America/New_York',
    // Half-hour daylight saving time.
    'Australia/Lord_Howe',
    // Clocks change at midnight.
    'America/Santiago',
    'Pacific/Chatham',
    'Asia/Kolkata',
    'UTC',
  ];
  const QUARTER_HOURS = 96;

  /** Open intervals from sorted, distinct quarter-hour marks, taken in pairs. */
  const dayArb = fc
    .uniqueArray(fc.integer({ min: 0, max: QUARTER_HOURS }), { maxLength: 6 })
    .map((marks) => {
      const sorted = [...marks].sort((a, b) => a - b);
      const clock = (quarter: number) =>
        `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
      const intervals: BusinessInterval[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        intervals.push({ from: clock(sorted[i] ?? 0), to: clock(sorted[i + 1] ?? 0) });
      return intervals;
    });
  const calendarArb = fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      week: fc.tuple(dayArb, dayArb, dayArb, dayArb, dayArb, dayArb, dayArb),
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 800 }), { maxLength: 30 }),
    })
    .filter(({ week }) => week.some((day) => day.length > 0))
    .map(({ timeZone, week, holidays }): BusinessCalendar =>
      businessCalendarSchema.parse({
        timeZone,
        week: Object.fromEntries(ISO_WEEKDAYS.map((day, index) => [day, week[index]])),
        holidays: holidays.map((offset) =>
          new Date(Date.UTC(2025, 5, 1) + offset * 86_400_000).toISOString().slice(0, 10),
        ),
      }),
    );
  const instantArb = fc
    .integer({ min: Date.UTC(2025, 5, 1), max: Date.UTC(2027, 5, 1) })
    .map((ms) => new Date(ms));
  const secondsArb = fc.integer({ min: 0, max: 20 * 24 * 3600 });

  it('counts back exactly what was added, and adds no more than needed', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, secondsArb, (cal, start, seconds) => {
        const end = addBusinessSeconds(cal, start, seconds);
        expect(businessSecondsBetween(cal, start, end)).toBe(seconds);
        if (seconds > 0) {
          const earlier = new Date(end.getTime() - 1);
          expect(businessSecondsBetween(cal, start, earlier)).toBeLessThan(seconds);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with counting quarter hours by their local wall-clock time', () => {
    // An independent answer: a quarter hour is open when its local date is no holiday and its
    // local time lies in an interval of its weekday. Exact here, as offsets, clock changes and
    // the whole-hour boundaries below all fall on quarter hours, and no boundary lies inside a
    // repeated hour (which is why Pacific/Chatham, changing at 02:45, is left out).
    const QUARTER_MS = 15 * 60_000;
    const hourDayArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 24 }), { maxLength: 4 })
      .map((marks) => {
        const sorted = [...marks].sort((a, b) => a - b);
        const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
        const intervals: BusinessInterval[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2)
          intervals.push({ from: clock(sorted[i] ?? 0), to: clock(sorted[i + 1] ?? 0) });
        return intervals;
      });
    // Clock changes of 2026: Berlin, New York, Santiago (at midnight), Lord Howe (half an hour;
    // April with Santiago's).
    const changes = [
      '2026-03-29',
      '2026-10-25',
      '2026-03-08',
      '2026-11-01',
      '2026-04-05',
      '2026-09-06',
      '2026-10-04',
    ];
    const arb = fc.record({
      timeZone: fc.constantFrom(
        'Europe/Berlin',
        'America/New_York',
        'America/Santiago',
        'Australia/Lord_Howe',
        'Asia/Kolkata',
      ),
      week: fc.tuple(
        hourDayArb,
        hourDayArb,
        hourDayArb,
        hourDayArb,
        hourDayArb,
        hourDayArb,
        hourDayArb,
      ),
      holiday: fc.constantFrom(...changes),
      around: fc.constantFrom(...changes),
      shift: fc.integer({ min: -3 * 96, max: 96 }),
      quarters: fc.integer({ min: 0, max: 4 * 96 }),
    });
    fc.assert(
      fc.property(arb, ({ timeZone, week, holiday, around, shift, quarters }) => {
        const cal: BusinessCalendar = {
          timeZone,
          week: Object.fromEntries(
            ISO_WEEKDAYS.map((day, index) => [day, week[index] ?? []]),
          ) as BusinessCalendar['week'],
          holidays: [holiday],
        };
        const from = Date.parse(`${around}T00:00:00Z`) + shift * QUARTER_MS;
        const to = from + quarters * QUARTER_MS;
        let open = 0;
        for (let t = from; t < to; t += QUARTER_MS) {
          const local = DateTime.fromMillis(t, { zone: timeZone });
          const minutes = local.hour * 60 + local.minute;
          const day = String(local.weekday) as (typeof ISO_WEEKDAYS)[number];
          const isOpen =
            local.toISODate() !== holiday &&
            cal.week[day].some(({ from: a, to: b }) => {
              const [opens, closes] = [a, b].map((clock) => Number(clock.slice(0, 2)) * 60);
              return minutes >= (opens ?? 0) && minutes < (closes ?? 0);
            });
          if (isOpen) open += 900;
        }
        expect(businessSecondsBetween(cal, new Date(from), new Date(to))).toBe(open);
      }),
      { numRuns: 300 },
    );
  });

  it('consumes the whole target by the due time, whatever the pauses', () => {
    const pausesArb = fc.array(
      fc
        .tuple(
          fc.integer({ min: -2 * 86_400, max: 30 * 86_400 }),
          fc.integer({ min: 0, max: 3 * 86_400 }),
        )
        .map(([offset, length]) => ({ offset, length })),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(calendarArb, instantArb, secondsArb, pausesArb, (cal, start, seconds, raw) => {
        const pauses = raw.map(({ offset, length }) => ({
          from: new Date(start.getTime() + offset * 1000),
          to: new Date(start.getTime() + (offset + length) * 1000),
        }));
        const due = dueAt(cal, start, seconds, pauses);
        if (!due) throw new Error('closed pauses always give a due time');
        expect(elapsedBusinessSeconds(cal, start, due, pauses)).toBe(seconds);
      }),
      { numRuns: 200 },
    );
  });
});
