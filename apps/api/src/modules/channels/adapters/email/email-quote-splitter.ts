/** The customer's new text and the history their mail client quoted below it. */
export interface QuoteSplit {
  visible: string;
  quoted?: string;
}

/** "On <date>, <name> wrote:" in the languages our customers' clients speak; may wrap over three lines. */
const ATTRIBUTION = [
  /^On\b.{1,300}\bwrote:$/i,
  /^Am\b.{1,300}\bschrieb\b.{0,300}:$/i,
  /^Le\b.{1,300}\ba écrit\s?:$/i,
  /^El\b.{1,300}\bescribió:$/i,
  /^Op\b.{1,300}\bschreef\b.{0,300}:$/i,
  /^Il giorno\b.{1,300}\bha scritto:$/i,
];
const ATTRIBUTION_START = /^(On|Am|Le|El|Op|Il giorno)\b/i;

/** Outlook / Exchange separators above the quoted message. */
const SEPARATOR =
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht)\s*-{2,}$/i;
/** Outlook's header block: "From:/Von:" followed closely by "Sent:/Gesendet:" and "To:/An:/Subject:/Betreff:". */
const HEADER_FROM = /^\*?(From|Von|De|Van|Da)\s*:\*?\s*\S/i;
const HEADER_SENT = /^\*?(Sent|Gesendet|Date|Datum|Envoyé|Enviado|Verzonden|Inviato)\s*:/i;
const HEADER_TO = /^\*?(To|An|À|Para|Aan|A|Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto)\s*:/i;
/** Outlook Web draws a line of underscores above the header block. */
const RULE = /^(_{8,}|-{8,})$/;

function isAttributionAt(lines: string[], i: number): boolean {
  if (!ATTRIBUTION_START.test(lines[i].trim())) return false;
  let joined = '';
  for (let k = i; k < Math.min(lines.length, i + 3); k++) {
    joined = `${joined} ${lines[k].trim()}`.trim();
    if (ATTRIBUTION.some((re) => re.test(joined))) return true;
  }
  return false;
}

function isHeaderBlockAt(lines: string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i].trim())) return false;
  const next = lines.slice(i + 1, i + 7).map((l) => l.trim());
  return next.some((l) => HEADER_SENT.test(l)) && next.some((l) => HEADER_TO.test(l));
}

/** Index of the first line of quoted history, or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (SEPARATOR.test(line) || isAttributionAt(lines, i)) return i;
    if (isHeaderBlockAt(lines, i)) {
      const prev = i > 0 ? lines[i - 1].trim() : '';
      return RULE.test(prev) ? i - 1 : i;
    }
  }
  // A trailing block of "> " lines (only blank lines may follow). Quotes interleaved with answers stay visible.
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (line.startsWith('>')) start = i;
    else if (line !== '') break;
  }
  return start;
}

/** Splits quoted history off a plain-text mail body. Never hides everything: without new text nothing is split. */
export function splitQuotedText(text: string): QuoteSplit {
  const normalised = text.replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const start = quoteStart(lines);
  if (start <= 0) return { visible: normalised.trim() };
  const visible = lines.slice(0, start).join('\n').trim();
  const quoted = lines.slice(start).join('\n').trim();
  if (!visible) return { visible: normalised.trim() };
  return { visible, quoted: quoted || undefined };
}
