import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, within } from '@testing-library/react';
import { CONVERSATION_ID } from '../../../../test/inbox-fixtures';
import { renderInbox } from '../../../../test/inbox-app';
import { contactPanelStore } from '../states/inbox-layout.store';

/** A window of `width` px: `(min-width: N px)` queries answer for it, and hear of resizing. */
function windowOfWidth(initial: number) {
  let width = initial;
  const listeners = new Set<() => void>();
  const original = window.matchMedia;
  window.matchMedia = (query: string) => {
    const min = Number(/min-width:\s*(\d+)px/.exec(query)?.[1] ?? 0);
    return {
      get matches() {
        return width >= min;
      },
      media: query,
      onchange: null,
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    } as unknown as MediaQueryList;
  };
  return {
    resize(next: number) {
      width = next;
      act(() => listeners.forEach((listener) => listener()));
    },
    restore() {
      window.matchMedia = original;
    },
  };
}

const css = readFileSync(join(__dirname, '../../../styles.css'), 'utf8');

/** The declarations of the first rule for `selector` inside the `@media (max-width: 1599px)` block. */
function ruleBelow1600(selector: string): string {
  const block = css.slice(css.indexOf('@media (max-width: 1599px)'));
  const start = block.indexOf(`${selector} {`);
  return block.slice(start, block.indexOf('}', start));
}

describe('the inbox layout', () => {
  let screenSize: ReturnType<typeof windowOfWidth>;
  afterEach(() => screenSize.restore());

  it('at 1560 px keeps the contact panel in a column beside the thread, the composer’s Send in sight', async () => {
    screenSize = windowOfWidth(1560);
    contactPanelStore.set(true);
    await renderInbox(`/inbox/${CONVERSATION_ID}`);
    const inbox = screen.getByTestId('page-inbox');
    const thread = screen.getByTestId('conversation-thread');
    expect(await screen.findByTestId('contact-panel')).toBeInTheDocument();
    expect(inbox).toHaveClass('tp-inbox--contact-beside');
    expect(inbox).not.toHaveClass('tp-inbox--contact-overlay');
    expect(await within(thread).findByRole('button', { name: 'Send reply' })).toBeInTheDocument();
    // Beside: its own grid column, after the thread's; nothing positions it over the thread.
    expect(ruleBelow1600('.tp-inbox--contact-beside')).toMatch(
      /grid-template-areas: 'sidebar list thread contact'/,
    );
    expect(css).not.toMatch(/\.tp-inbox__contact \{[^}]*right: 0/);
  });

  it('narrower (1400 px), overlays the list (never the thread) and follows resizing', async () => {
    screenSize = windowOfWidth(1560);
    contactPanelStore.set(true);
    await renderInbox(`/inbox/${CONVERSATION_ID}`);
    const inbox = screen.getByTestId('page-inbox');
    expect(inbox).toHaveClass('tp-inbox--contact-beside');

    screenSize.resize(1400);
    expect(inbox).toHaveClass('tp-inbox--contact-overlay');
    expect(inbox).not.toHaveClass('tp-inbox--contact-beside');
    const overlay = css.slice(css.indexOf('.tp-inbox--contact-overlay .tp-inbox__contact {'));
    expect(overlay.slice(0, overlay.indexOf('}'))).toMatch(/position: absolute;[^}]*left: 0;/);

    // Closed, it takes no room at all.
    act(() => contactPanelStore.set(false));
    expect(inbox).not.toHaveClass('tp-inbox--contact-overlay');
    expect(screen.queryByTestId('contact-panel')).not.toBeInTheDocument();
  });
});
