import { useTranslation } from 'react-i18next';
import type { JourneyCsatDto } from '@touchpoint/shared';

/** "★ 4.2 (12 ratings)" for a set of ratings, or null without any. */
export function useCsatText() {
  const { t, i18n } = useTranslation();
  return (csat: JourneyCsatDto): string | null =>
    csat.rated > 0 && csat.average !== null
      ? t('journeys.csat.short', {
          average: csat.average.toLocaleString(i18n.language, {
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          }),
          count: csat.rated,
        })
      : null;
}
