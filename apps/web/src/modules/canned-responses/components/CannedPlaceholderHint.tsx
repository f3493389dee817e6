import { useTranslation } from 'react-i18next';
import { unfilledCannedVariables } from '@touchpoint/shared';

/** Says which variables of an inserted canned response still need filling in before sending. */
export function CannedPlaceholderHint({ text }: { text: string }) {
  const { t } = useTranslation();
  const unfilled = unfilledCannedVariables(text);
  if (unfilled.length === 0) return null;
  return (
    <p className="tp-canned-placeholders" role="status" data-testid="canned-placeholders">
      {t('cannedResponses.placeholders', {
        names: unfilled.map((name) => `{{${name}}}`).join(', '),
      })}
    </p>
  );
}
