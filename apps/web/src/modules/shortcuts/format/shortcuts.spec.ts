import { shortcutOf } from './shortcuts';

const press = (key: string, target: EventTarget | null = document.body, mods = {}) =>
  shortcutOf({
    key,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    isComposing: false,
    defaultPrevented: false,
    ...mods,
  });

function field(html: string): HTMLElement {
  document.body.innerHTML = html;
  const element = document.body.firstElementChild;
  if (!(element instanceof HTMLElement)) throw new Error('no element');
  return element;
}

describe('shortcutOf', () => {
  it('maps the single keys while nothing is being typed', () => {
    expect(['j', 'k', 'r', 'n', 'p', 'e', '/', '?'].map((key) => press(key))).toEqual([
      'next',
      'previous',
      'reply',
      'note',
      'pullIn',
      'resolve',
      'search',
      'help',
    ]);
    expect(press('x')).toBeNull();
    expect(press('j', field('<button>Claim</button>'))).toBe('next');
    expect(press('j', field('<input type="checkbox">'))).toBe('next');
  });

  it('leaves text fields, selects and editable text their keys', () => {
    for (const html of [
      '<input type="text">',
      '<input type="search">',
      '<textarea></textarea>',
      '<select></select>',
    ]) {
      expect(press('/', field(html))).toBeNull();
      expect(press('j', field(html))).toBeNull();
    }
  });

  it('opens the palette with Ctrl or Cmd+K anywhere; leaves the browser its own shortcuts', () => {
    expect(press('k', field('<textarea></textarea>'), { ctrlKey: true })).toBe('palette');
    expect(press('K', document.body, { metaKey: true })).toBe('palette');
    expect(press('r', document.body, { ctrlKey: true })).toBeNull();
    expect(press('e', document.body, { altKey: true })).toBeNull();
    expect(press('j', document.body, { isComposing: true })).toBeNull();
    expect(press('j', document.body, { defaultPrevented: true })).toBeNull();
  });
});
