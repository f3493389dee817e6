import type { BrowserContext, Page } from 'playwright-core';

/** A dialog a payload opened (alert, confirm, prompt): its message is the payload's code. */
export interface DialogHit {
  type: string;
  code: string;
  url: string;
}

/** Records and dismisses every dialog of every page (popups too) of `context`. */
export function recordDialogs(context: BrowserContext, dialogs: DialogHit[]): void {
  context.on('page', (page) =>
    page.on('dialog', (dialog) => {
      dialogs.push({ type: dialog.type(), code: dialog.message(), url: page.url() });
      void dialog.dismiss().catch(() => undefined);
    }),
  );
}

/**
 * Markup that would run a script once someone clicks, hovers or focuses, in every frame of `page`:
 * event-handler attributes, javascript:/vbscript:/data: URLs where they navigate or embed, script
 * elements with inline code or a foreign source, plugins, `<base>`, meta refresh, script-capable or
 * unsandboxed frames, and CSS that calls script. The app itself has none of these, so any is a payload
 * that got through as markup, even if nothing has run yet.
 */
export async function armedMarkup(page: Page): Promise<string[]> {
  const findings: string[] = [];
  for (const frame of page.frames()) {
    const found = await frame.evaluate(auditDocument).catch((err: Error) => {
      // A frame that navigated away while we looked is gone; anything else is a real failure.
      if (/detached|destroyed/i.test(err.message)) return [];
      throw err;
    });
    findings.push(...found.map((f) => `${frame === page.mainFrame() ? 'page' : 'frame'}: ${f}`));
  }
  return findings;
}

/** Runs inside the page: must stay self-contained (no closures over test code). */
function auditDocument(): string[] {
  const findings: string[] = [];
  const origin = location.origin;
  // Browsers skip control characters, spaces and invisible marks where they read a URL's scheme.
  const invisible = (c: string) => {
    const n = c.charCodeAt(0);
    return n <= 0x20 || (n >= 0x7f && n <= 0xa0) || (n >= 0x200b && n <= 0x200f) || n === 0xfeff;
  };
  const scheme = (value: string) =>
    [...value]
      .filter((c) => !invisible(c))
      .join('')
      .toLowerCase();
  // React replaces a javascript: URL it is given with this harmless one.
  const reactBlocked = (value: string) =>
    value.startsWith("javascript:throw new Error('React has blocked");
  const describe = (el: Element, detail: string) =>
    `<${el.tagName.toLowerCase()}> ${detail}`.slice(0, 200);

  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? '';
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) findings.push(describe(el, `${name}="${value}"`));
      else if (
        [
          'href',
          'src',
          'action',
          'formaction',
          'data',
          'xlink:href',
          'values',
          'to',
          'from',
          'poster',
          'background',
        ].includes(lower)
      ) {
        const url = scheme(value);
        const script = url.startsWith('javascript:') || url.startsWith('vbscript:');
        const dataDocument =
          url.startsWith('data:') && !(tag === 'img' && url.startsWith('data:image/'));
        if ((script && !reactBlocked(value)) || dataDocument)
          findings.push(describe(el, `${name}="${value}"`));
      } else if (
        lower === 'style' &&
        /expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(value)
      ) {
        findings.push(describe(el, `style="${value}"`));
      } else if (lower === 'srcdoc' && tag !== 'iframe') {
        findings.push(describe(el, 'srcdoc'));
      }
    }
    if (tag === 'script') {
      const src = el.getAttribute('src');
      const foreign = src !== null && new URL(src, location.href).origin !== origin;
      if (foreign || (src === null && (el.textContent ?? '').trim() !== ''))
        findings.push(describe(el, `script ${src ?? (el.textContent ?? '').trim()}`));
    }
    if (['object', 'embed', 'applet', 'base', 'frame', 'frameset'].includes(tag))
      findings.push(describe(el, 'element'));
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? ''))
      findings.push(describe(el, 'meta refresh'));
    if (tag === 'iframe') {
      const sandbox = el.getAttribute('sandbox');
      if (sandbox === null || /allow-scripts/i.test(sandbox))
        findings.push(describe(el, `iframe sandbox=${sandbox ?? 'none'}`));
    }
    if (tag === 'style' && /expression\s*\(|javascript:|@import/i.test(el.textContent ?? ''))
      findings.push(describe(el, `style ${el.textContent ?? ''}`));
  }
  return findings;
}
