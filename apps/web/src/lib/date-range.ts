/** A date as YYYY-MM-DD in `timeZone` (the calendar day there at `instant`). */
export function dateIn(timeZone: string, instant: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** YYYY-MM-DD `days` days after (or before) `date`. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export const REPORT_PRESETS = [7, 30, 90] as const;

/** The last `days` days up to and including today in `timeZone`. */
export function lastDays(
  days: number,
  timeZone: string,
  now: number,
): { from: string; to: string } {
  const to = dateIn(timeZone, now);
  return { from: addDays(to, -(days - 1)), to };
}

/** The browser's zone: a person's days are the ones they live in. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Berlin';
}
