import sanitizeHtml, { type Attributes, type IOptions } from 'sanitize-html';

/** Safe HTML for the inbox: formatting, links, tables, images only from `cid:`, `data:` or https. */
const SAFE: IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'span',
    'font',
    'u',
    's',
    'del',
    'ins',
    'center',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
    td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    font: ['color'],
    '*': ['dir', 'lang', 'style'],
  },
  allowedStyles: {
    '*': {
      color: [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s,.%]+\)$/i, /^[a-z]+$/i],
      'background-color': [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s,.%]+\)$/i, /^[a-z]+$/i],
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^(bold|normal|[1-9]00)$/],
      'font-style': [/^(italic|normal)$/],
      'text-decoration': [/^(underline|line-through|none)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // No http images: they would load from the sender's server (tracking) and break the page's https.
  allowedSchemesByTag: { img: ['https', 'cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image whose source was removed (http, javascript:) is only an empty box.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
  // Contents of these never become text (a <title> or <style> body is not part of the message).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  transformTags: {
    a: (tagName: string, attribs: Attributes) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
  },
};

const QUOTE_MARK = 'data-tp-quote';
const QUOTE_CLASSES =
  /(^|\s)(gmail_quote|gmail_quote_container|yahoo_quoted|protonmail_quote|moz-cite-prefix|zmail_extra)(\s|$)/i;
const QUOTE_IDS =
  /^(divrplyfwdmsg|appendonsend|mail-editor-reference-message-container|stopspelling|zwchr|yahoo_quoted.*)$/i;
/** Outlook desktop puts the quoted header block in a div with this top border. */
const OUTLOOK_BORDER = /border-top:\s*solid\s+#(e1e1e1|b5c4df)/i;

function isQuoteStart(tagName: string, attribs: Attributes): boolean {
  if (QUOTE_CLASSES.test(attribs['class'] ?? '')) return true;
  if (QUOTE_IDS.test(attribs['id'] ?? '')) return true;
  if (tagName === 'blockquote' && (attribs['type'] ?? '').toLowerCase() === 'cite') return true;
  return tagName === 'div' && OUTLOOK_BORDER.test(attribs['style'] ?? '');
}

export interface SanitizedHtml {
  /** The new part of the message, safe to render. */
  html: string;
  /** Quoted history below it (safe too), when a mail client marked it. */
  quotedHtml?: string;
}

/**
 * Sanitises mail HTML and cuts it where the mail client's quoted history begins. The first pass marks
 * the quote's first element; cutting the string there leaves two fragments with unbalanced tags, and
 * sanitising each again closes or drops those tags, so both halves are well-formed.
 */
export function sanitizeEmailHtml(html: string): SanitizedHtml {
  let marked = false;
  const allowedTags = SAFE.allowedTags as string[];
  const marking = sanitizeHtml(html, {
    ...SAFE,
    allowedAttributes: {
      ...(SAFE.allowedAttributes as Record<string, string[]>),
      '*': ['dir', 'lang', 'style', QUOTE_MARK],
    },
    transformTags: {
      ...SAFE.transformTags,
      '*': (tagName: string, attribs: Attributes) => {
        if (marked || !isQuoteStart(tagName, attribs)) return { tagName, attribs };
        marked = true;
        return {
          tagName: allowedTags.includes(tagName) ? tagName : 'div',
          attribs: { ...attribs, [QUOTE_MARK]: '1' },
        };
      },
    },
  });
  const at = marked ? marking.indexOf(`${QUOTE_MARK}="1"`) : -1;
  if (at < 0) return { html: sanitizeHtml(marking, SAFE).trim() };
  const cut = marking.lastIndexOf('<', at);
  const visible = sanitizeHtml(marking.slice(0, cut), SAFE).trim();
  const quoted = sanitizeHtml(marking.slice(cut), SAFE).trim();
  // Nothing new above the quote (a forward, or top-posting the client mislabelled): keep it all visible.
  if (!htmlToText(visible)) return { html: sanitizeHtml(marking, SAFE).trim() };
  return { html: visible, quotedHtml: quoted || undefined };
}

/** Plain text of sanitised HTML: the text of HTML-only mails and of quotes only the HTML marked. */
export function htmlToText(html: string): string {
  // Source line breaks are just spaces in HTML; only tags break lines.
  const withBreaks = html
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|blockquote|pre|table)>/gi, '\n\n')
    .replace(/<\/(div|li|tr)>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}
