import { useEffect, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

export interface PopoverDismissOptions {
  open: boolean;
  onClose: () => void;
  /** Where focus goes back after Escape (the button that opened the popover). */
  returnFocusTo?: RefObject<HTMLElement | null>;
  /**
   * Also close on a mouse press outside `root`. Such a press is then what closes the popover when
   * focus moves to nothing (a click on a blank spot); without it, focus moving to nothing closes.
   */
  root?: RefObject<HTMLElement | null>;
}

/**
 * How a popover (menu, panel under a button) closes: Escape, focus leaving it, and optionally a
 * click outside. Spread the returned handlers on the element that holds trigger and popover.
 */
export function usePopoverDismiss({ open, onClose, returnFocusTo, root }: PopoverDismissOptions) {
  // A click anywhere else: only a document listener sees those clicks.
  useEffect(() => {
    if (!open || !root) return;
    const closeIfOutside = (event: MouseEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target)) return;
      onClose();
    };
    document.addEventListener('mousedown', closeIfOutside);
    return () => document.removeEventListener('mousedown', closeIfOutside);
  }, [open, onClose, root]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    onClose();
    returnFocusTo?.current?.focus();
  };

  const onBlur = (event: FocusEvent<HTMLElement>) => {
    const next = event.relatedTarget;
    if (!open || event.currentTarget.contains(next)) return;
    if (next === null && root) return; // the outside click decides
    onClose();
  };

  return { onKeyDown, onBlur };
}
