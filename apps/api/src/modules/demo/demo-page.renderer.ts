import { escapeMarkup } from '../../core/text/escape-markup';
import type { DemoMail } from './demo-mailbox.service';

/** Longest answer a demo customer may write from the mailbox. */
export const DEMO_ANSWER_MAX_CHARS = 5000;

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#f8fafc}
header{background:#1e3a8a;color:#fff;padding:32px 24px}header h1{margin:0 0 8px}header p{margin:0;opacity:.9}
main{max-width:880px;margin:0 auto;padding:24px;display:grid;gap:24px}
section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:20px}h2{margin-top:0}
.en{color:#64748b;font-size:14px}iframe{width:100%;height:640px;border:0}
.mail{border-top:1px solid #e2e8f0;padding:16px 0}.mail:first-of-type{border-top:0}
.mail h3{margin:0 0 4px;font-size:16px}.meta{color:#64748b;font-size:13px;margin:0 0 8px}
.body{white-space:pre-wrap;margin:0 0 12px;font:inherit}
textarea{width:100%;box-sizing:border-box;min-height:72px;font:inherit;padding:8px}
button{margin-top:8px;padding:6px 14px;font:inherit;border:0;border-radius:6px;background:#1e3a8a;color:#fff}
.answered{color:#15803d;font-size:13px}`;

/** A caught mail: the customer's view, with a form to answer it as their mail program would. */
function renderMail(mail: DemoMail, replyKey: string): string {
  const at = mail.receivedAt.toISOString().replace('T', ' ').slice(0, 16);
  const attachments = mail.attachments.length
    ? `<p class="meta">Anhänge / attachments: ${mail.attachments.map(escapeMarkup).join(', ')}</p>`
    : '';
  const answered = mail.answeredAt ? '<p class="answered">Beantwortet / answered</p>' : '';
  return `<article class="mail" data-mail="${escapeMarkup(mail.id)}">
  <h3>${escapeMarkup(mail.subject || '(ohne Betreff)')}</h3>
  <p class="meta">Von ${escapeMarkup(mail.from)} an ${escapeMarkup(mail.to.join(', '))} · ${at} UTC</p>
  <pre class="body">${escapeMarkup(mail.body)}</pre>
  ${attachments}${answered}
  <form method="post" action="/demo/mailbox/${escapeMarkup(mail.id)}/answer">
    <input type="hidden" name="replyKey" value="${escapeMarkup(replyKey)}">
    <label>Antworten als ${escapeMarkup(mail.to[0] ?? 'Kunde')} <span class="en">Answer as the customer</span>
      <textarea name="text" required maxlength="${DEMO_ANSWER_MAX_CHARS}"></textarea></label>
    <button type="submit">Antwort senden</button>
  </form>
</article>`;
}

function renderMailbox(mails: DemoMail[], replyKey: () => string): string {
  const list = mails.length
    ? mails.map((mail) => renderMail(mail, replyKey())).join('\n')
    : '<p>Noch keine Post. <span class="en">No mail yet: answer an email or form conversation in Touchpoint, then reload this page.</span></p>';
  return `<section id="mailbox">
  <h2>Postfach der Kunden</h2>
  <p>Was die Demo per E-Mail verschickt, landet hier statt im Internet.
  <span class="en">The customers' mailbox: mail the demo sends by email is caught here instead of
  leaving this machine. Answer it to write back into the same conversation.</span>
  <a href="/demo#mailbox">Neu laden / reload</a></p>
  ${list}
</section>`;
}

/**
 * The demo company's website: the chat widget of the demo website chat, and the contact form of the
 * demo form channel (its embed page in an iframe) when there is one. Plain HTML, no inline script.
 */
export function renderDemoPage(opts: {
  webchatChannelId: string;
  formChannelId?: string;
  /** The customers' mailbox, when Touchpoint catches the demo's mail itself. */
  mailbox?: DemoMail[];
  replyKey?: () => string;
}): string {
  const form = opts.formChannelId
    ? `<section>
  <h2>Angebot anfragen</h2>
  <p>Schreiben Sie uns, wir melden uns mit einem Angebot. <span class="en">Ask the sales team for an offer.</span></p>
  <iframe title="Angebotsanfrage" src="/forms/${escapeMarkup(opts.formChannelId)}/embed?lang=de"></iframe>
</section>`
    : '';
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Beispiel GmbH</title><style>${STYLE}</style></head>
<body>
<header>
  <h1>Beispiel GmbH</h1>
  <p>Büromöbel und Leuchten für Ihr Unternehmen.</p>
</header>
<main>
<section>
  <h2>Willkommen!</h2>
  <p>Das ist die Beispiel-Website der Demo. Stellen Sie eine Frage im Chat unten rechts oder
  schicken Sie das Formular ab: Die Nachricht landet sofort im Posteingang von Touchpoint.</p>
  <p class="en">This is the demo company's website: chat with the widget (bottom right) or send the
  form, and watch the message arrive in the Touchpoint inbox.</p>
</section>
${form}
${opts.mailbox ? renderMailbox(opts.mailbox, opts.replyKey ?? (() => '')) : ''}
</main>
<script src="/widget.js" data-channel="${escapeMarkup(opts.webchatChannelId)}" data-lang="de" async></script>
</body>
</html>
`;
}
