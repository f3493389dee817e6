import type { QuietHours } from '@touchpoint/shared';

const minutesOf = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
};

/**
 * When the contact's quiet hours end, if `now` falls within them; null otherwise (or when they
 * have none). A window may span midnight (22:00–07:00); `from` equal to `to` is no window. The end
 * is counted in minutes of wall time, which is off by the hour of a daylight-saving switch inside
 * the window: a survey an hour early or late is harmless.
 */
export function quietHoursEnd(quiet: QuietHours | null | undefined, now: Date): Date | null {
  if (!quiet) return null;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: quiet.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = part('hour') * 60 + part('minute');
  const inside = from < to ? local >= from && local < to : local >= from || local < to;
  if (!inside) return null;
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + ((to - local + 1440) % 1440) * 60_000);
}
