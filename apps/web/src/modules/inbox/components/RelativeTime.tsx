import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime, relativeAge } from '../format/relative-age';
import { useNow } from '../hooks/useNow';

/** "5 min" / "vor 5 Min.", kept current; the full date on hover. */
export function RelativeTime({ at, className }: { at: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const locale = currentLocale(i18n);
  return (
    <time className={className} dateTime={at} title={fullDateTime(at, locale)}>
      {relativeAge(at, now, t, locale)}
    </time>
  );
}
