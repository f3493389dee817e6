import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryDto } from '@touchpoint/shared';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useDirectory } from '../hooks/useDirectory';

export interface TeamPickerProps {
  label: string;
  /** The empty option, shown until something is picked. */
  placeholder: string;
  value: string;
  onChange: (id: string) => void;
  /** The validation message, once the form was submitted. */
  error?: string;
  /** How a team reads in the list; its name unless given. */
  teamLabel?: (team: DirectoryDto['teams'][number]) => string;
  /** Options in place of the teams, e.g. the people when a person is asked instead. */
  options?: (directory: DirectoryDto) => ReactNode;
  'data-testid'?: string;
}

/**
 * Picks whom a handoff goes to from the directory, a team unless `options` say otherwise: a
 * placeholder while the directory loads, the error with a retry if it fails, else a labelled
 * select that reports its validation error.
 */
export function TeamPicker({
  label,
  placeholder,
  value,
  onChange,
  error,
  teamLabel = (team) => team.name,
  options,
  'data-testid': testId,
}: TeamPickerProps) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const selectId = useId();
  const errorId = useId();

  if (directory.isPending)
    return <Skeleton rows={1} label={t('handoffs.pullIn.loadingDirectory')} />;
  if (directory.isError)
    return (
      <RetryAlert
        title={t('handoffs.pullIn.directoryError')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void directory.refetch()}
      >
        {apiErrorMessage(directory.error, t)}
      </RetryAlert>
    );
  return (
    <div className={`tp-field${error ? ' tp-field--invalid' : ''}`}>
      <label className="tp-field__label" htmlFor={selectId}>
        {label}
      </label>
      <select
        id={selectId}
        className="tp-select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={testId}
      >
        <option value="">{placeholder}</option>
        {options
          ? options(directory.data)
          : directory.data.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {teamLabel(team)}
              </option>
            ))}
      </select>
      {error ? (
        <p id={errorId} className="tp-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
