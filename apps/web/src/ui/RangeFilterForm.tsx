import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { lastDays, REPORT_PRESETS } from '../lib/date-range';
import { FilterDate, FilterSelect, RangePresets, type FilterOption } from './FilterFields';

/** A filter of a range page besides its days: the query field, its label and its choices. */
export interface RangeFilter<Field extends string> {
  field: Field;
  label: string;
  options: readonly FilterOption[];
}

/**
 * The filters of a page that looks back over a range of days (reports, journeys, satisfaction):
 * quick ranges, the first and last day, a select per filter (empty: all) and the zone the days are
 * in; each field with the message the schema or the API gave for it. Test ids are
 * `<testPrefix>-<field>`, the date's error `<testPrefix>-error`.
 */
export function RangeFilterForm<Field extends string>({
  label,
  testPrefix,
  values,
  errors,
  zone,
  filters,
  onChange,
}: {
  label: string;
  testPrefix: string;
  values: Partial<Record<Field | 'from' | 'to', string>>;
  errors: Partial<Record<Field | 'from' | 'to', string>>;
  zone: string;
  filters: readonly RangeFilter<Field>[];
  /** The fields changed, the day fields included; an empty value clears a filter. */
  onChange: (changes: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const form = useId();
  const date = (field: 'from' | 'to') => (
    <FilterDate
      id={`${form}-${field}`}
      label={t(`reports.filters.${field}`)}
      value={values[field] ?? ''}
      error={errors[field]}
      onChange={(value) => onChange({ [field]: value })}
      testId={`${testPrefix}-${field}`}
      errorTestId={`${testPrefix}-error`}
    />
  );
  return (
    <form className="tp-report-filters" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      <RangePresets
        label={t('reports.presets')}
        presets={REPORT_PRESETS}
        presetLabel={(days) => t('reports.lastDays', { count: days })}
        onPick={(days) => onChange(lastDays(days, zone, Date.now()))}
      />
      {date('from')}
      {date('to')}
      {filters.map((filter) => (
        <FilterSelect
          key={filter.field}
          id={`${form}-${filter.field}`}
          label={filter.label}
          value={values[filter.field] ?? ''}
          allLabel={t('reports.filters.all')}
          options={filter.options}
          error={errors[filter.field]}
          onChange={(value) => onChange({ [filter.field]: value })}
          testId={`${testPrefix}-${filter.field}`}
        />
      ))}
      <p className="tp-report-filters__zone">{t('reports.zone', { zone })}</p>
    </form>
  );
}
