import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './Icon';

export interface DialogProps {
  title: string;
  /** Called on Escape, a click beside the dialog, or the close button. */
  onClose: () => void;
  /** Label of the close button (translated by the caller). */
  closeLabel: string;
  children: ReactNode;
  /** Optional sentence under the title, read as the dialog's description. */
  description?: string;
  'data-testid'?: string;
}

/** Open dialogs, the newest last: Escape pressed outside any of them closes only the newest. */
const openDialogs: HTMLElement[] = [];

const FOCUSABLE =
  'a[href], button:not(:disabled), textarea:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it (to the element marked `data-autofocus`, else the dialog) and stays there (Tab cycles), Escape closes it, and focus
 * returns to what had it before (the button that opened it).
 */
export function Dialog({
  title,
  onClose,
  closeLabel,
  children,
  description,
  ...rest
}: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);

  const latestOnClose = useRef(onClose);
  latestOnClose.current = onClose;

  // Focus management has to follow mounting: there is no event to hang it on.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus]');
    (first ?? panel.current)?.focus();
    return () => previous?.focus();
  }, []);

  // Escape also closes the dialog when focus fell out of it (the focused button went away while it
  // worked, a click on the page behind): only a document listener hears those keys.
  useEffect(() => {
    const own = panel.current;
    if (!own) return;
    openDialogs.push(own);
    const closeOnEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (openDialogs[openDialogs.length - 1] !== own) return;
      if (event.target instanceof Node && own.contains(event.target)) return; // handled below
      event.preventDefault();
      latestOnClose.current();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      openDialogs.splice(openDialogs.indexOf(own), 1);
    };
  }, []);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className="tp-dialog__backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className="tp-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
        data-testid={rest['data-testid']}
      >
        <div className="tp-dialog__head">
          <h2 id={titleId} className="tp-dialog__title">
            {title}
          </h2>
          <button
            type="button"
            className="tp-icon-button"
            aria-label={closeLabel}
            title={closeLabel}
            onClick={onClose}
          >
            <Icon name="close" size={18} />
          </button>
        </div>
        {description ? (
          <p id={descriptionId} className="tp-dialog__description">
            {description}
          </p>
        ) : null}
        {children}
      </div>
    </div>,
    document.body,
  );
}
