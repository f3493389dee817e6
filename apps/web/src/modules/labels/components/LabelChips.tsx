import { useTranslation } from 'react-i18next';
import type { LabelDto } from '@touchpoint/shared';
import { useLabels } from '../hooks/useLabels';
import './labels.css';

/** A label's chip: its colour as a dot, its name as text (the colour is never the only cue). */
export function LabelChip({ label, onRemove }: { label: LabelDto; onRemove?: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="tp-label-chip" data-testid="label-chip" data-label-id={label.id}>
      <span className="tp-label-chip__dot" style={{ background: label.color }} aria-hidden="true" />
      {label.name}
      {onRemove ? (
        <button
          type="button"
          className="tp-label-chip__remove"
          onClick={onRemove}
          aria-label={t('labels.remove', { name: label.name })}
          data-testid="label-chip-remove"
        >
          ×
        </button>
      ) : null}
    </span>
  );
}

/** The chips of a conversation's labels, in the order they were added; unknown ids are skipped. */
export function LabelChips({ labelIds }: { labelIds: readonly string[] | undefined }) {
  const { t } = useTranslation();
  const { data: labels } = useLabels();
  const shown = (labelIds ?? []).flatMap((id) => labels?.find((l) => l.id === id) ?? []);
  if (shown.length === 0) return null;
  return (
    <span className="tp-label-chips" aria-label={t('labels.chipsLabel')} role="group">
      {shown.map((label) => (
        <LabelChip key={label.id} label={label} />
      ))}
    </span>
  );
}
