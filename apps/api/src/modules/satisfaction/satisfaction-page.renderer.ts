import { escapeMarkup } from '../../core/text/escape-markup';
import type { SurveyLanguage } from './satisfaction-texts';

const TEXTS = {
  de: {
    title: 'Ihre Meinung',
    question: 'Wie zufrieden waren Sie mit unserer Hilfe?',
    scale: [
      'Gar nicht zufrieden',
      'Eher unzufrieden',
      'Teils, teils',
      'Zufrieden',
      'Sehr zufrieden',
    ],
    comment: 'Möchten Sie uns noch etwas sagen? (freiwillig)',
    thanks: 'Vielen Dank für Ihre Bewertung!',
    change: 'Sie können Ihre Bewertung hier noch ändern.',
    closed: 'Diese Umfrage ist abgeschlossen.',
    unknown: 'Diesen Umfragelink gibt es nicht.',
    rated: (n: number) => `Ihre Bewertung: ${n} von 5`,
  },
  en: {
    title: 'Your opinion',
    question: 'How satisfied were you with our help?',
    scale: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    comment: 'Anything you would like to tell us? (optional)',
    thanks: 'Thank you for your rating!',
    change: 'You can still change your rating here.',
    closed: 'This survey has closed.',
    unknown: 'This survey link does not exist.',
    rated: (n: number) => `Your rating: ${n} out of 5`,
  },
} as const;

// In a <style> element, as the demo page's: the policy allows inline styles, never inline script.
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px}
h1{font-size:1.3rem;margin:0 0 1rem}.scale{display:flex;gap:.5rem;margin:1rem 0}
.scale button{flex:1;padding:.8rem 0;font-size:1.2rem;border:1px solid #c5cad3;border-radius:8px;background:#fff;cursor:pointer}
.scale button[aria-pressed=true]{background:#2b59c3;color:#fff;border-color:#2b59c3}
.scale button:focus-visible{outline:3px solid #2b59c3;outline-offset:2px}
label{display:block;margin-top:1rem}textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit}
.note{color:#4a5364}`;

function page(language: SurveyLanguage, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${TEXTS[language].title}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * The survey page: five buttons that each submit the form with their rating, and an optional
 * comment in the same form. Works without script; after a rating it thanks and still offers a change.
 */
export function renderSurveyPage(
  token: string,
  view: { language: SurveyLanguage; rating: number | null; comment: string | null },
  justRated = false,
): string {
  const t = TEXTS[view.language];
  const buttons = [1, 2, 3, 4, 5]
    .map(
      (n) =>
        `<button type="submit" name="rating" value="${n}" title="${escapeMarkup(t.scale[n - 1])}" aria-label="${n}: ${escapeMarkup(t.scale[n - 1])}" aria-pressed="${view.rating === n}">${n}</button>`,
    )
    .join('');
  const status =
    view.rating !== null
      ? `<p class="note" role="status">${justRated ? `${escapeMarkup(t.thanks)} ` : ''}${escapeMarkup(t.rated(view.rating))}. ${escapeMarkup(t.change)}</p>`
      : '';
  return page(
    view.language,
    `<h1>${escapeMarkup(t.question)}</h1>${status}
<form method="post" action="/csat/${encodeURIComponent(token)}">
<label for="comment">${escapeMarkup(t.comment)}</label>
<textarea id="comment" name="comment" maxlength="1000">${escapeMarkup(view.comment ?? '')}</textarea>
<div class="scale" role="group" aria-label="${escapeMarkup(t.question)}">${buttons}</div>
</form>`,
  );
}

/** The page of a link that does not work (unknown or closed), in German and English. */
export function renderSurveyGone(kind: 'unknown' | 'closed'): string {
  return page('de', `<h1>${TEXTS.de[kind]}</h1><p lang="en">${TEXTS.en[kind]}</p>`);
}
