import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';

export interface SettingsFormEndProps {
  /** Prefix of the test ids: `<id>-error`, `-saved`, `-unsaved`, `-reset`, `-save`. */
  testId: string;
  /** Why the last save failed, when it did not fail at a field. */
  failure: ApiError | null;
  /** Shown after a save until the next edit; nothing when null. */
  savedText: string | null;
  dirty: boolean;
  pending: boolean;
  onReset: () => void;
  resetLabel: string;
  saveLabel: string;
}

/**
 * The end of a settings form: how the last save went, "unsaved changes" while there are some, and
 * the reset and save buttons (the form submits). One look for every form of the settings.
 */
export function SettingsFormEnd({
  testId,
  failure,
  savedText,
  dirty,
  pending,
  onReset,
  resetLabel,
  saveLabel,
}: SettingsFormEndProps) {
  const { t } = useTranslation();
  return (
    <>
      {failure ? (
        <Alert tone="error" title={t('settings.form.failed')} data-testid={`${testId}-error`}>
          {apiErrorMessage(failure, t)}
        </Alert>
      ) : null}
      {savedText ? (
        <Alert tone="success" data-testid={`${testId}-saved`}>
          {savedText}
        </Alert>
      ) : null}
      <div className="tp-team-form__footer">
        {dirty ? (
          <p className="tp-team-form__unsaved" data-testid={`${testId}-unsaved`}>
            {t('settings.form.unsaved')}
          </p>
        ) : null}
        <Button
          variant="secondary"
          onClick={onReset}
          disabled={!dirty || pending}
          data-testid={`${testId}-reset`}
        >
          {resetLabel}
        </Button>
        <Button type="submit" busy={pending} disabled={!dirty} data-testid={`${testId}-save`}>
          {saveLabel}
        </Button>
      </div>
    </>
  );
}
