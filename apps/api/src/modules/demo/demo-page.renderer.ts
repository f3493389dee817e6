const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#f8fafc}
header{background:#1e3a8a;color:#fff;padding:32px 24px}header h1{margin:0 0 8px}header p{margin:0;opacity:.9}
main{max-width:880px;margin:0 auto;padding:24px;display:grid;gap:24px}
section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:20px}h2{margin-top:0}
.en{color:#64748b;font-size:14px}iframe{width:100%;height:640px;border:0}`;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The demo company's website: the chat widget of the demo website chat, and the contact form of the
 * demo form channel (its embed page in an iframe) when there is one. Plain HTML, no inline script.
 */
export function renderDemoPage(opts: { webchatChannelId: string; formChannelId?: string }): string {
  const form = opts.formChannelId
    ? `<section>
  <h2>Angebot anfragen</h2>
  <p>Schreiben Sie uns, wir melden uns mit einem Angebot. <span class="en">Ask the sales team for an offer.</span></p>
  <iframe title="Angebotsanfrage" src="/forms/${escapeAttribute(opts.formChannelId)}/embed?lang=de"></iframe>
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
</main>
<script src="/widget.js" data-channel="${escapeAttribute(opts.webchatChannelId)}" data-lang="de" async></script>
</body>
</html>
`;
}
