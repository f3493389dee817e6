import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { browserTimeZone, lastDays } from './date-range';

/**
 * The filters of a page that looks back over a range of days, kept in the address so a view can be
 * shared: `from` and `to` (the last `days` days in the browser's zone unless chosen) and whatever
 * else the page filters by. Changing a filter writes the range too, so the link holds it.
 */
export function useRangeParams(days: number) {
  const [params, setParams] = useSearchParams();
  const zone = useMemo(browserTimeZone, []);
  const fallback = useMemo(() => lastDays(days, zone, Date.now()), [days, zone]);
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  /** A filter's value; an empty one is none. */
  const get = (name: string): string | undefined => params.get(name) || undefined;
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!next.has('from')) next.set('from', from);
        if (!next.has('to')) next.set('to', to);
        for (const [key, value] of Object.entries(changes))
          if (value) next.set(key, value);
          else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return { zone, from, to, get, set };
}
