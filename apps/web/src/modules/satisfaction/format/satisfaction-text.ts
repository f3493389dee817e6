import type { TFunction } from 'i18next';

/** A response rate as people read it (50 %), or a dash when no survey was sent. */
export const formatRate = (rate: number | null, t: TFunction) =>
  rate === null ? '–' : t('reports.share', { percent: Math.round(rate * 100) });

/** A mean rating with one decimal (4.3 of 5), or a dash without ratings. */
export const formatAverage = (average: number | null, t: TFunction) =>
  average === null ? '–' : t('satisfaction.outOfFive', { value: average });
