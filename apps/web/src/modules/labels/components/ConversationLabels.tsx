import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummaryDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useConversationLabel } from '../hooks/useConversationLabel';
import { useLabels } from '../hooks/useLabels';
import { LabelChip } from './LabelChips';
import './labels.css';

/** The thread header's labels: chips that can be taken off, and a picker to add one (unless read only). */
export function ConversationLabels({
  conversation,
  readOnly = false,
}: {
  conversation: ConversationSummaryDto;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { data: labels = [] } = useLabels();
  const change = useConversationLabel(conversation.id);
  const carried = conversation.labelIds ?? [];
  const addable = readOnly ? [] : labels.filter((label) => !carried.includes(label.id));
  if (labels.length === 0) return null;
  return (
    <div className="tp-conversation-labels" data-testid="conversation-labels">
      {carried.flatMap((labelId) => {
        const label = labels.find((l) => l.id === labelId);
        return label
          ? [
              <LabelChip
                key={label.id}
                label={label}
                onRemove={
                  readOnly ? undefined : () => change.mutate({ labelId: label.id, add: false })
                }
              />,
            ]
          : [];
      })}
      {addable.length ? (
        <>
          <label htmlFor={id} className="tp-visually-hidden">
            {t('labels.add')}
          </label>
          <select
            id={id}
            className="tp-select tp-conversation-labels__add"
            value=""
            disabled={change.isPending}
            onChange={(event) => {
              if (event.target.value) change.mutate({ labelId: event.target.value, add: true });
            }}
            data-testid="label-add"
          >
            <option value="">{t('labels.add')}</option>
            {addable.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {change.isError ? (
        <span role="alert" className="tp-conversation-labels__error">
          {apiErrorMessage(change.error, t)}
        </span>
      ) : null}
    </div>
  );
}
