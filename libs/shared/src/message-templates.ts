/*
 * Approved message templates (WhatsApp): the body names its variables `{{1}}`, `{{2}}`... The
 * server fills them in for the stored reply and the composer for its preview, with the same rule.
 */

const VARIABLE = /\{\{\s*(\d+)\s*\}\}/g;

/** How many values a template body takes: its highest `{{n}}`. */
export function templateVariableCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(VARIABLE)].map((m) => Number(m[1])));
}

/** The body with its variables filled in, as the customer reads it; a missing value stays `{{n}}`. */
export function renderTemplate(body: string, variables: readonly string[]): string {
  return body.replace(VARIABLE, (whole, n: string) => variables[Number(n) - 1] ?? whole);
}
