/**
 * The document an email's HTML is shown in: a sandboxed `<iframe srcdoc>` without scripts.
 * The API sanitised the HTML already; this is the second wall. It is parsed inertly
 * (DOMParser runs nothing), loses anything that could act (scripts, frames, forms, meta
 * refresh, event attributes, javascript: links), and gets a CSP that forbids scripts and any
 * fetch but images. Links open in a new tab, never inside the frame or over the app.
 */
const CSP = [
  "default-src 'none'",
  'img-src https: http: data:',
  "style-src 'unsafe-inline'",
  'font-src https: data:',
].join('; ');

const REMOVED = 'script, iframe, frame, frameset, object, embed, form, meta, link, base, noscript';

const BASE_STYLE = `
  html { color-scheme: light; }
  body { margin: 0; font: 14px/1.5 Inter, 'Segoe UI', system-ui, -apple-system, sans-serif;
         color: #1d2433; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  table { max-width: 100%; }
  blockquote { margin: 0 0 0 8px; padding-left: 8px; border-left: 3px solid #dfe3e8; color: #596273; }
`;

export function emailDocument(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  parsed.querySelectorAll(REMOVED).forEach((element) => element.remove());
  parsed.querySelectorAll('*').forEach((element) => {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim().toLowerCase();
      if (name.startsWith('on')) element.removeAttribute(attribute.name);
      else if ((name === 'href' || name === 'src') && value.startsWith('javascript:')) {
        element.removeAttribute(attribute.name);
      }
    }
  });
  parsed.querySelectorAll('a[href]').forEach((link) => {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  });
  const styles = [...parsed.head.querySelectorAll('style')]
    .map((style) => style.outerHTML)
    .join('');
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<style>${BASE_STYLE}</style>${styles}`,
    `</head><body>${parsed.body.innerHTML}</body></html>`,
  ].join('');
}
