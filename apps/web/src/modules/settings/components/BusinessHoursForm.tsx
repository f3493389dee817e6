import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUSINESS_HOLIDAYS_MAX,
  BUSINESS_INTERVALS_PER_DAY_MAX,
  ISO_WEEKDAYS,
  type BusinessCalendar,
  type IsoWeekday,
  type TeamDto,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import {
  businessHoursBody,
  businessHoursChanged,
  businessHoursDraft,
  businessHoursServerErrors,
  OFFICE_HOURS,
  timeZoneOptions,
  validateBusinessHours,
  withHoliday,
  type BusinessHoursDraft,
  type BusinessHoursErrors,
  type IntervalDraft,
} from '../format/business-hours-form';
import { useSaveBusinessHours } from '../hooks/useSaveBusinessHours';
import { useTeamBusinessHours } from '../hooks/useTeamBusinessHours';
import { describedBy, fieldIds, SettingsField } from './SettingsField';
import './sla-settings.css';
import { SettingsFormEnd } from './SettingsFormEnd';

/**
 * When a team works, for SLA targets counted in business time: around the clock (the default) or
 * its own opening hours per weekday, time zone and holidays. Saved as a whole.
 */
export function BusinessHoursForm({ team }: { team: TeamDto }) {
  const { t } = useTranslation();
  const hours = useTeamBusinessHours(team.id);
  const titleId = useId();

  let content;
  if (hours.isPending) {
    content = <Skeleton rows={2} label={t('settings.businessHours.loading')} />;
  } else if (hours.isError) {
    content = (
      <RetryAlert
        title={t('settings.businessHours.error')}
        retryLabel={t('settings.businessHours.retry')}
        onRetry={() => void hours.refetch()}
      >
        {apiErrorMessage(hours.error, t)}
      </RetryAlert>
    );
  } else {
    content = <BusinessHoursEditor teamId={team.id} saved={hours.data.businessHours} />;
  }

  return (
    <section className="tp-team-form" aria-labelledby={titleId} data-testid="business-hours">
      <h4 id={titleId} className="tp-team-detail__subtitle">
        {t('settings.businessHours.title')}
      </h4>
      <p className="tp-field__hint">{t('settings.businessHours.intro')}</p>
      {content}
    </section>
  );
}

const NO_ERRORS: BusinessHoursErrors = {};
/** Every path starts with '': a change of mode clears all the server said. */
const EVERY_FIELD = [''];

/** The paths the form can show a problem at, in the order of the form (for the focus). */
function fieldPaths(draft: BusinessHoursDraft): string[] {
  return [
    'timeZone',
    'week',
    ...ISO_WEEKDAYS.flatMap((day) => [
      `week.${day}`,
      ...draft.week[day].flatMap((_, index) => [
        `week.${day}.${index}.from`,
        `week.${day}.${index}.to`,
      ]),
    ]),
    'holidays',
    ...draft.holidays.map((_, index) => `holidays.${index}`),
  ];
}

function BusinessHoursEditor({
  teamId,
  saved,
}: {
  teamId: string;
  saved: BusinessCalendar | null;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveBusinessHours();
  const [draft, setDraft] = useState<BusinessHoursDraft>(() => businessHoursDraft(saved));
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<BusinessHoursErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [newHoliday, setNewHoliday] = useState('');
  const [holidayProblem, setHolidayProblem] = useState<string | null>(null);
  const base = useId();
  const ids = (path: string) => fieldIds(base, path.replaceAll('.', '-'));

  const dirty = businessHoursChanged(draft, saved);
  const errors: BusinessHoursErrors = {
    ...server,
    ...(submitted ? validateBusinessHours(draft, t) : {}),
  };
  const paths = fieldPaths(draft);
  const elsewhere = Object.entries(errors)
    .filter(([path]) => !paths.includes(path))
    .map(([path, message]) => `${path} ${message}`);
  const invalid = Object.keys(errors).length > 0;

  /** The control a path's problem is shown at. */
  const controlOf = (path: string) => {
    if (path === 'week') return ids(`week.${ISO_WEEKDAYS[0]}`).control;
    if (path === 'holidays') return ids('newHoliday').control;
    return ids(path).control;
  };
  const focusFirst = (found: BusinessHoursErrors) => {
    const first = paths.find((path) => found[path]);
    if (first) document.getElementById(controlOf(first))?.focus();
  };

  const change = (
    next: (current: BusinessHoursDraft) => BusinessHoursDraft,
    changed: readonly string[],
  ) => {
    setDraft(next);
    // What the server said about the changed fields (and what lies in them) no longer holds.
    const stale = (path: string) =>
      changed.some((field) => field === '' || path === field || path.startsWith(`${field}.`));
    setServer((current) =>
      Object.keys(current).some(stale)
        ? Object.fromEntries(Object.entries(current).filter(([path]) => !stale(path)))
        : current,
    );
    setDone(false);
    setFailure(null);
  };
  const changeDay = (day: IsoWeekday, intervals: IntervalDraft[]) =>
    change(
      (current) => ({ ...current, week: { ...current.week, [day]: intervals } }),
      [`week.${day}`],
    );

  const addHoliday = () => {
    if (!newHoliday) {
      setHolidayProblem(t('settings.businessHours.holidayMissing'));
      return;
    }
    if (draft.holidays.includes(newHoliday)) {
      setHolidayProblem(t('settings.businessHours.holidayListed'));
      return;
    }
    setHolidayProblem(null);
    setNewHoliday('');
    change(
      (current) => ({ ...current, holidays: withHoliday(current.holidays, newHoliday) }),
      ['holidays'],
    );
  };

  const reset = () => {
    setDraft(businessHoursDraft(saved));
    setSubmitted(false);
    setServer(NO_ERRORS);
    setFailure(null);
    setDone(false);
    setHolidayProblem(null);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending || !dirty) return;
    setSubmitted(true);
    setDone(false);
    setFailure(null);
    setServer(NO_ERRORS);
    const found = validateBusinessHours(draft, t);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    save.mutate(
      { teamId, calendar: businessHoursBody(draft) },
      {
        onSuccess: (next) => {
          setDraft(businessHoursDraft(next.businessHours));
          setSubmitted(false);
          setDone(true);
        },
        onError: (error) => {
          const answer = businessHoursServerErrors(error);
          setServer(answer);
          if (Object.keys(answer).length === 0) setFailure(error);
          focusFirst(answer);
        },
      },
    );
  };

  const dayName = (day: IsoWeekday) => t(`settings.businessHours.weekdays.${day}`);
  const errorText = (path: string) =>
    errors[path] ? (
      <p id={ids(path).error} className="tp-field__error">
        {errors[path]}
      </p>
    ) : null;
  const dateFormat = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

  const timeInput = (day: IsoWeekday, index: number, end: keyof IntervalDraft) => {
    const path = `week.${day}.${index}.${end}`;
    const intervals = draft.week[day];
    return (
      <input
        id={ids(path).control}
        type="time"
        className="tp-field__input tp-business-hours__time"
        value={intervals[index]?.[end] ?? ''}
        onChange={(event) =>
          changeDay(
            day,
            intervals.map((interval, at) =>
              at === index ? { ...interval, [end]: event.target.value } : interval,
            ),
          )
        }
        aria-label={t(
          end === 'from' ? 'settings.businessHours.opensAt' : 'settings.businessHours.closesAt',
          { day: dayName(day), number: index + 1 },
        )}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={errors[path] ? ids(path).error : undefined}
        data-testid={`business-hours-${day}-${index}-${end}`}
      />
    );
  };

  const dayRow = (day: IsoWeekday) => {
    const intervals = draft.week[day];
    const open = intervals.length > 0;
    const last = intervals[intervals.length - 1];
    const dayIds = ids(`week.${day}`);
    return (
      <li key={day} className="tp-business-hours__day" data-testid={`business-hours-day-${day}`}>
        <div className="tp-settings-check tp-business-hours__open">
          <input
            id={dayIds.control}
            type="checkbox"
            checked={open}
            onChange={(event) => changeDay(day, event.target.checked ? [{ ...OFFICE_HOURS }] : [])}
            aria-invalid={errors[`week.${day}`] || errors['week'] ? true : undefined}
            aria-describedby={describedBy(
              dayIds,
              false,
              errors[`week.${day}`] ?? (day === ISO_WEEKDAYS[0] ? errors['week'] : undefined),
            )}
            data-testid={`business-hours-open-${day}`}
          />
          <label htmlFor={dayIds.control} className="tp-settings-check__label">
            {dayName(day)}
          </label>
        </div>
        <div className="tp-business-hours__intervals">
          {open ? (
            intervals.map((_, index) => (
              <div key={index} className="tp-business-hours__interval">
                {timeInput(day, index, 'from')}
                <span aria-hidden="true">–</span>
                {timeInput(day, index, 'to')}
                {intervals.length > 1 ? (
                  <Button
                    variant="ghost"
                    onClick={() =>
                      changeDay(
                        day,
                        intervals.filter((_, at) => at !== index),
                      )
                    }
                    aria-label={t('settings.businessHours.removeInterval', {
                      day: dayName(day),
                      number: index + 1,
                    })}
                  >
                    {t('settings.businessHours.remove')}
                  </Button>
                ) : null}
                {errorText(`week.${day}.${index}.from`)}
                {errorText(`week.${day}.${index}.to`)}
              </div>
            ))
          ) : (
            <span className="tp-business-hours__closed">{t('settings.businessHours.closed')}</span>
          )}
          {open &&
          last &&
          last.to !== '00:00' &&
          intervals.length < BUSINESS_INTERVALS_PER_DAY_MAX ? (
            <Button
              variant="ghost"
              className="tp-business-hours__add"
              onClick={() => changeDay(day, [...intervals, { from: last.to, to: '00:00' }])}
              aria-label={t('settings.businessHours.addIntervalOn', { day: dayName(day) })}
              data-testid={`business-hours-add-${day}`}
            >
              {t('settings.businessHours.addInterval')}
            </Button>
          ) : null}
          {errors[`week.${day}`] ? (
            <p id={dayIds.error} className="tp-field__error">
              {errors[`week.${day}`]}
            </p>
          ) : null}
          {day === ISO_WEEKDAYS[0] && errors['week'] && !errors[`week.${day}`] ? (
            <p id={dayIds.error} className="tp-field__error">
              {errors['week']}
            </p>
          ) : null}
        </div>
      </li>
    );
  };

  const zoneIds = ids('timeZone');
  const newHolidayIds = ids('newHoliday');
  const holidayListError = errors['holidays'] ?? holidayProblem ?? undefined;

  return (
    <form
      className="tp-business-hours"
      onSubmit={handleSubmit}
      noValidate
      aria-label={t('settings.businessHours.title')}
      data-testid="business-hours-form"
    >
      <fieldset className="tp-team-form__group">
        <legend className="tp-team-form__legend">{t('settings.businessHours.mode')}</legend>
        <div className="tp-settings-check">
          <input
            id={`${base}-always`}
            type="radio"
            name={`${base}-mode`}
            checked={!draft.custom}
            onChange={() => change((current) => ({ ...current, custom: false }), EVERY_FIELD)}
            aria-describedby={`${base}-always-hint`}
            data-testid="business-hours-always"
          />
          <div className="tp-settings-check__text">
            <label htmlFor={`${base}-always`} className="tp-settings-check__label">
              {t('settings.businessHours.alwaysOpen')}
            </label>
            <p id={`${base}-always-hint`} className="tp-field__hint">
              {t('settings.businessHours.alwaysOpenHint')}
            </p>
          </div>
        </div>
        <div className="tp-settings-check">
          <input
            id={`${base}-custom`}
            type="radio"
            name={`${base}-mode`}
            checked={draft.custom}
            onChange={() => change((current) => ({ ...current, custom: true }), EVERY_FIELD)}
            aria-describedby={`${base}-custom-hint`}
            data-testid="business-hours-custom"
          />
          <div className="tp-settings-check__text">
            <label htmlFor={`${base}-custom`} className="tp-settings-check__label">
              {t('settings.businessHours.custom')}
            </label>
            <p id={`${base}-custom-hint`} className="tp-field__hint">
              {t('settings.businessHours.customHint')}
            </p>
          </div>
        </div>
      </fieldset>

      {draft.custom ? (
        <>
          <fieldset className="tp-team-form__group">
            <legend className="tp-team-form__legend">{t('settings.businessHours.week')}</legend>
            <SettingsField
              ids={zoneIds}
              label={t('settings.businessHours.timeZone')}
              hint={t('settings.businessHours.timeZoneHint')}
              error={errors['timeZone']}
            >
              <select
                id={zoneIds.control}
                className="tp-select tp-team-form__select"
                value={draft.timeZone}
                onChange={(event) =>
                  change((current) => ({ ...current, timeZone: event.target.value }), ['timeZone'])
                }
                aria-invalid={errors['timeZone'] ? true : undefined}
                aria-describedby={describedBy(zoneIds, true, errors['timeZone'])}
                data-testid="business-hours-timeZone"
              >
                {timeZoneOptions(draft.timeZone).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </SettingsField>
            <p className="tp-field__hint">{t('settings.businessHours.weekHint')}</p>
            <ul className="tp-business-hours__days">{ISO_WEEKDAYS.map(dayRow)}</ul>
          </fieldset>

          <fieldset className="tp-team-form__group">
            <legend className="tp-team-form__legend">{t('settings.businessHours.holidays')}</legend>
            <p className="tp-field__hint">
              {t('settings.businessHours.holidaysHint', { max: BUSINESS_HOLIDAYS_MAX })}
            </p>
            {draft.holidays.length === 0 ? (
              <p className="tp-business-hours__closed">{t('settings.businessHours.noHolidays')}</p>
            ) : (
              <ul className="tp-business-hours__holidays" data-testid="business-hours-holidays">
                {draft.holidays.map((date, index) => {
                  const path = `holidays.${index}`;
                  const label = dateFormat.format(new Date(`${date}T00:00:00Z`));
                  return (
                    <li
                      key={date}
                      className="tp-business-hours__holiday"
                      data-testid="business-hours-holiday"
                    >
                      <time dateTime={date}>{label}</time>
                      <Button
                        id={ids(path).control}
                        variant="ghost"
                        onClick={() =>
                          change(
                            (current) => ({
                              ...current,
                              holidays: current.holidays.filter((known) => known !== date),
                            }),
                            ['holidays'],
                          )
                        }
                        aria-label={t('settings.businessHours.removeHoliday', { date: label })}
                        aria-describedby={errors[path] ? ids(path).error : undefined}
                      >
                        {t('settings.businessHours.remove')}
                      </Button>
                      {errorText(path)}
                    </li>
                  );
                })}
              </ul>
            )}
            <SettingsField
              ids={newHolidayIds}
              label={t('settings.businessHours.newHoliday')}
              error={holidayListError}
            >
              <div className="tp-business-hours__interval">
                <input
                  id={newHolidayIds.control}
                  type="date"
                  className="tp-field__input tp-business-hours__date"
                  value={newHoliday}
                  onChange={(event) => {
                    setNewHoliday(event.target.value);
                    setHolidayProblem(null);
                  }}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter') return;
                    event.preventDefault();
                    addHoliday();
                  }}
                  aria-invalid={holidayListError ? true : undefined}
                  aria-describedby={describedBy(newHolidayIds, false, holidayListError)}
                  data-testid="business-hours-new-holiday"
                />
                <Button
                  variant="secondary"
                  onClick={addHoliday}
                  data-testid="business-hours-add-holiday"
                >
                  {t('settings.businessHours.addHoliday')}
                </Button>
              </div>
            </SettingsField>
          </fieldset>
        </>
      ) : null}

      {invalid ? (
        <Alert tone="error" data-testid="business-hours-invalid">
          {t('settings.form.invalid')}
          {elsewhere.length > 0 ? (
            <ul className="tp-team-form__problems">
              {elsewhere.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <SettingsFormEnd
        testId="business-hours"
        failure={failure}
        savedText={done ? t('settings.businessHours.saved') : null}
        dirty={dirty}
        pending={save.isPending}
        onReset={reset}
        resetLabel={t('settings.businessHours.reset')}
        saveLabel={t('settings.businessHours.save')}
      />
    </form>
  );
}
