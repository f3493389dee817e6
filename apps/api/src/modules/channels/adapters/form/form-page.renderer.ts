import type { Locale } from '@touchpoint/shared';
import { escapeMarkup } from '../../../../core/text/escape-markup';

/**
 * The embed and thank-you pages are meant to sit in an iframe on the customer's website, so they get
 * their own policy instead of the app's: no scripts at all, inline styles only, posting only to us,
 * any site may frame them.
 */
export const FORM_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors *; base-uri 'none'";

const TEXT: Record<Locale, Record<string, string>> = {
  de: {
    title: 'Kontakt',
    name: 'Name',
    email: 'E-Mail',
    phone: 'Telefon (optional)',
    subject: 'Betreff (optional)',
    message: 'Nachricht',
    send: 'Senden',
    website: 'Bitte leer lassen',
    thanksTitle: 'Vielen Dank!',
    thanks: 'Ihre Nachricht ist bei uns angekommen. Wir melden uns so bald wie möglich.',
  },
  en: {
    title: 'Contact',
    name: 'Name',
    email: 'Email',
    phone: 'Phone (optional)',
    subject: 'Subject (optional)',
    message: 'Message',
    send: 'Send',
    website: 'Please leave empty',
    thanksTitle: 'Thank you!',
    thanks: 'We have received your message and will get back to you as soon as we can.',
  },
};

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:16px;color:#1f2937;background:#fff}
form{display:grid;gap:12px;max-width:560px}label{display:grid;gap:4px;font-size:14px;font-weight:600}
input,textarea{font:inherit;padding:8px;border:1px solid #cbd5e1;border-radius:6px}textarea{min-height:140px}
button{font:inherit;padding:10px 16px;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer;justify-self:start}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}`;

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeMarkup(title)}</title><style>${STYLE}</style></head>
<body>${body}</body>
</html>`;
}

/** `?lang=` wins; otherwise the browser's preferred language of ours by q-value; English by default. */
export function pickLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (lang === 'de' || lang === 'en') return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { base: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => (l.base === 'de' || l.base === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.base as Locale | undefined) ?? 'en';
}

/** A plain HTML form (no JavaScript) posting to `action`; the `website` field is the bots' honeypot. */
export function renderEmbedForm(opts: {
  action: string;
  channelName: string;
  locale: Locale;
}): string {
  const t = TEXT[opts.locale];
  const field = (name: string, label: string, input: string) =>
    `<label for="tp-${name}">${escapeMarkup(label)}${input}</label>`;
  return page(
    opts.locale,
    `${t.title} – ${opts.channelName}`,
    `<form method="post" action="${escapeMarkup(opts.action)}" accept-charset="utf-8">
${field('name', t.name, '<input id="tp-name" name="name" required maxlength="120" autocomplete="name">')}
${field('email', t.email, '<input id="tp-email" name="email" type="email" required maxlength="254" autocomplete="email">')}
${field('phone', t.phone, '<input id="tp-phone" name="phone" type="tel" maxlength="40" autocomplete="tel">')}
${field('subject', t.subject, '<input id="tp-subject" name="subject" maxlength="300">')}
${field('message', t.message, '<textarea id="tp-message" name="message" required maxlength="20000"></textarea>')}
<div class="hp" aria-hidden="true"><label for="tp-website">${escapeMarkup(t.website)}<input id="tp-website" name="website" tabindex="-1" autocomplete="off"></label></div>
<input type="hidden" name="lang" value="${opts.locale}">
<button type="submit">${escapeMarkup(t.send)}</button>
</form>`,
  );
}

export function renderThankYou(locale: Locale): string {
  const t = TEXT[locale];
  return page(
    locale,
    t.thanksTitle,
    `<h1>${escapeMarkup(t.thanksTitle)}</h1><p>${escapeMarkup(t.thanks)}</p>`,
  );
}
