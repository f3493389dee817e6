import { lastDueWeek, stillPlannable, weekFrom } from './summary-week';

describe('the week a summary is about', () => {
  it('is the Monday-to-Sunday before the last Monday 07:00 local time', () => {
    // Tuesday 8 December 2026, 10:00 in Berlin (09:00 UTC).
    const week = lastDueWeek(new Date('2026-12-08T09:00:00Z'), 'Europe/Berlin');
    expect(week.from).toBe('2026-11-30');
    expect(week.to).toBe('2026-12-06');
    expect(week.startsAt.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    expect(week.endsAt.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(week.dueAt.toISOString()).toBe('2026-12-07T06:00:00.000Z');
  });

  it('on Monday before 07:00 local is still the week before last', () => {
    // Monday 7 December 2026, 06:59 in Berlin.
    expect(lastDueWeek(new Date('2026-12-07T05:59:00Z'), 'Europe/Berlin').from).toBe('2026-11-23');
    expect(lastDueWeek(new Date('2026-12-07T06:00:00Z'), 'Europe/Berlin').from).toBe('2026-11-30');
  });

  it('follows the time zone: the same instant is already Monday 07:00 in Tokyo', () => {
    // Sunday 6 December 2026, 22:30 UTC = Monday 07:30 in Tokyo.
    expect(lastDueWeek(new Date('2026-12-06T22:30:00Z'), 'Asia/Tokyo').from).toBe('2026-11-30');
    expect(lastDueWeek(new Date('2026-12-06T22:30:00Z'), 'Europe/Berlin').from).toBe('2026-11-23');
  });

  it('spans the clock change: the week of the last Sunday in October is 169 hours long', () => {
    const week = weekFrom('2026-10-19', 'Europe/Berlin');
    expect(week.to).toBe('2026-10-25');
    expect((week.endsAt.getTime() - week.startsAt.getTime()) / 3_600_000).toBe(169);
    expect(week.dueAt.toISOString()).toBe('2026-10-26T06:00:00.000Z');
  });

  it('is planned within a day of its due time, not later', () => {
    const week = weekFrom('2026-11-30', 'Europe/Berlin');
    expect(stillPlannable(week, new Date('2026-12-07T06:00:00Z'))).toBe(true);
    expect(stillPlannable(week, new Date('2026-12-08T05:59:00Z'))).toBe(true);
    expect(stillPlannable(week, new Date('2026-12-08T06:00:00Z'))).toBe(false);
  });

  it('refuses a date that is not a Monday, and an unknown zone', () => {
    expect(() => weekFrom('2026-12-01', 'Europe/Berlin')).toThrow('not a Monday');
    expect(() => lastDueWeek(new Date(), 'Mars/Olympus')).toThrow('Unknown time zone');
  });
});
