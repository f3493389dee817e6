import { useEffect } from 'react';
import { titleWithUnread } from '../format/unread-count';

/** Puts the unread count in front of the tab's title ("(3) Touchpoint"); takes it away on unmount. */
export function UnreadTitleEffect({ count }: { count: number }) {
  // The document title lives outside React: an effect is the only way to keep it in step.
  useEffect(() => {
    document.title = titleWithUnread(document.title, count);
    return () => {
      document.title = titleWithUnread(document.title, 0);
    };
  }, [count]);
  return null;
}
