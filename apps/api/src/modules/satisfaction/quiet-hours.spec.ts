import { quietHoursEnd } from './quiet-hours';

describe('quietHoursEnd', () => {
  const berlin = (from: string, to: string) => ({ from, to, timeZone: 'Europe/Berlin' });

  it('answers the end of a window spanning midnight, in the contact time zone', () => {
    // 23:30 in Berlin (winter, UTC+1) is 22:30 UTC; quiet until 07:00 Berlin = 06:00 UTC.
    expect(quietHoursEnd(berlin('22:00', '07:00'), new Date('2026-12-07T22:30:00Z'))).toEqual(
      new Date('2026-12-08T06:00:00Z'),
    );
    // 06:59:30 Berlin: still quiet, one minute to go.
    expect(quietHoursEnd(berlin('22:00', '07:00'), new Date('2026-12-08T05:59:30Z'))).toEqual(
      new Date('2026-12-08T06:00:00Z'),
    );
  });

  it('answers null outside the window, at its end, without one or for an empty window', () => {
    expect(quietHoursEnd(berlin('22:00', '07:00'), new Date('2026-12-08T06:00:00Z'))).toBeNull();
    expect(quietHoursEnd(berlin('22:00', '07:00'), new Date('2026-12-08T12:00:00Z'))).toBeNull();
    expect(quietHoursEnd(null, new Date())).toBeNull();
    expect(quietHoursEnd(berlin('08:00', '08:00'), new Date('2026-12-08T07:00:00Z'))).toBeNull();
  });

  it('handles a window within one day', () => {
    // 12:15 Berlin, quiet 12:00–14:00.
    expect(quietHoursEnd(berlin('12:00', '14:00'), new Date('2026-12-08T11:15:00Z'))).toEqual(
      new Date('2026-12-08T13:00:00Z'),
    );
  });
});
