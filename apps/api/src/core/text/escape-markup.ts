/**
 * Text made safe to put between tags or inside a quoted attribute of HTML or XML (pages we render,
 * email bodies, TwiML): the five characters markup gives meaning to, as entities every parser knows.
 */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
