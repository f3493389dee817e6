import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon, type IconName } from './Icon';
import { usePopoverDismiss } from './usePopoverDismiss';

export interface MenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  icon?: IconName;
  /** Longer description, shown as a tooltip. */
  hint?: string;
  'data-testid'?: string;
}

/**
 * A button opening a menu of actions (the "…" of a toolbar): arrow keys, Home and End move between
 * the items, Enter picks one, Escape closes and focus goes back to the button. A picked item gets
 * focus back on the button first, so a dialog it opens returns focus there when it closes.
 */
export function MenuButton({
  label,
  items,
  'data-testid': testId,
}: {
  /** The button's accessible name (it shows an icon only). */
  label: string;
  items: MenuItem[];
  'data-testid'?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const dismiss = usePopoverDismiss({
    open,
    onClose: () => setOpen(false),
    returnFocusTo: trigger,
    root,
  });
  if (items.length === 0) return null;

  const itemButtons = () =>
    Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  const focusItem = (index: number) => {
    const all = itemButtons();
    all[(index + all.length) % all.length]?.focus();
  };
  const openMenu = (first: 'first' | 'last' = 'first') => {
    setOpen(true);
    // The items exist once React rendered them.
    requestAnimationFrame(() => focusItem(first === 'first' ? 0 : -1));
  };
  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = itemButtons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: all.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusItem(moves[event.key]);
  };
  const pick = (item: MenuItem) => {
    setOpen(false);
    trigger.current?.focus();
    item.onSelect();
  };

  return (
    <div className="tp-menu" ref={root} {...dismiss}>
      <button
        ref={trigger}
        type="button"
        className="tp-button tp-button--secondary tp-menu__trigger"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => (open ? setOpen(false) : openMenu())}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
        }}
      >
        <Icon name="more" size={18} />
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          className="tp-popover tp-menu__list"
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="tp-menu__item"
                title={item.hint}
                data-testid={item['data-testid']}
                onClick={() => pick(item)}
              >
                {item.icon ? <Icon name={item.icon} size={15} /> : null}
                <span>{item.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
