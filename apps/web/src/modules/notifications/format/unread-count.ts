/** The most the badge spells out; above it shows "99+". */
const BADGE_MAX = 99;

/** "3", "99", "99+". */
export function unreadBadgeText(count: number): string {
  return count > BADGE_MAX ? `${BADGE_MAX}+` : String(count);
}

const TITLE_PREFIX = /^\(\d+\+?\) /;

/** The page title with the unread count in front ("(3) Touchpoint"), or without it at 0. */
export function titleWithUnread(title: string, count: number): string {
  const base = title.replace(TITLE_PREFIX, '');
  return count > 0 ? `(${unreadBadgeText(count)}) ${base}` : base;
}
