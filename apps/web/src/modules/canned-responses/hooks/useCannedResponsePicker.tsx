import { useId, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  renderCannedResponse,
  type CannedResponseDto,
  type CannedResponseValues,
} from '@touchpoint/shared';
import { CannedResponseList } from '../components/CannedResponseList';
import { matchCannedResponses, replaceTrigger, slashTriggerAt } from '../format/slash-trigger';
import { useCannedResponses } from './useCannedResponses';

export interface CannedResponsePickerOptions {
  text: string;
  values: CannedResponseValues;
  /** Puts the text with the canned response inserted into the draft. */
  onText: (text: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}

export interface CannedResponsePicker {
  /** Call from the text field's change and select events: where the cursor is. */
  track: (field: HTMLTextAreaElement, typed?: boolean) => void;
  /** Call first from the text field's keydown; true when the picker used the key. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => boolean;
  /** ARIA of the text field while the picker is open. */
  fieldProps: { 'aria-controls'?: string; 'aria-activedescendant'?: string };
  /** The list of canned responses (or null while closed), to render below the text field. */
  list: ReactNode;
}

/**
 * `/` at the start of a word opens the canned responses, filtered by what follows it as the agent
 * types; arrow keys choose, Enter or Tab inserts it with its variables filled in (those without a
 * value stay visible), Escape closes it. A click inserts as well.
 */
export function useCannedResponsePicker({
  text,
  values,
  onText,
  textarea,
}: CannedResponsePickerOptions): CannedResponsePicker {
  const { t } = useTranslation();
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const trigger = caret === null || caret > text.length ? null : slashTriggerAt(text, caret);
  const responses = useCannedResponses(trigger !== null);
  const open = trigger !== null && dismissedAt !== trigger.start && responses.isSuccess;
  const matches = open ? matchCannedResponses(responses.data, trigger.query) : [];
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));

  const track = (field: HTMLTextAreaElement, typed = false) => {
    setCaret(field.selectionStart === field.selectionEnd ? field.selectionStart : null);
    if (typed) setActive(0);
  };

  const insert = (response: CannedResponseDto) => {
    if (!trigger || caret === null) return;
    const rendered = renderCannedResponse(response.body, values);
    const next = replaceTrigger(text, trigger, caret, rendered.text);
    onText(next.text);
    setCaret(next.caret);
    const field = textarea.current;
    if (field)
      requestAnimationFrame(() => {
        field.focus();
        field.setSelectionRange(next.caret, next.caret);
      });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): boolean => {
    if (!open || !trigger) return false;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(trigger.start);
      return true;
    }
    if (matches.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + matches.length) % matches.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
      event.preventDefault();
      insert(matches[activeIndex]);
      return true;
    }
    return false;
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return {
    track,
    onKeyDown,
    fieldProps: open
      ? {
          'aria-controls': listId,
          'aria-activedescendant': matches.length ? optionId(activeIndex) : undefined,
        }
      : {},
    list: open ? (
      <CannedResponseList
        id={listId}
        optionId={optionId}
        query={trigger.query}
        matches={matches}
        activeIndex={activeIndex}
        onPick={insert}
        label={t('cannedResponses.picker.label')}
      />
    ) : null,
  };
}
