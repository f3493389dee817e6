/*
 * Canned responses: saved answers an agent inserts with `/` in the composer. Their body may name
 * variables such as `{{contact.firstName}}`; the composer fills them in with the same rule the
 * server checks them by. A variable without a value stays visible as it is, for the agent to fill.
 */

export const CANNED_RESPONSE_VARIABLES = [
  'contact.firstName',
  'contact.name',
  'agent.firstName',
  'agent.name',
  'conversation.subject',
] as const;
export type CannedResponseVariable = (typeof CANNED_RESPONSE_VARIABLES)[number];

export const CANNED_RESPONSE_LANGUAGES = ['de', 'en'] as const;
export type CannedResponseLanguage = (typeof CANNED_RESPONSE_LANGUAGES)[number];

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables a body names, each once, in order of appearance. */
export function cannedVariablesIn(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE)].map((m) => m[1]))];
}

/** The variables of `body` that are not among CANNED_RESPONSE_VARIABLES. */
export function unknownCannedVariables(body: string): string[] {
  return cannedVariablesIn(body).filter(
    (name) => !(CANNED_RESPONSE_VARIABLES as readonly string[]).includes(name),
  );
}

/** The first word of a name: what "Dear {{contact.firstName}}" wants. */
export function firstNameOf(name: string | null | undefined): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}

export type CannedResponseValues = Partial<Record<CannedResponseVariable, string | null>>;

export interface RenderedCannedResponse {
  text: string;
  /** Variables without a value: they stay in the text as `{{name}}` for the agent to fill. */
  missing: CannedResponseVariable[];
}

/** The body with the values filled in; a variable without a value (or an empty one) stays visible. */
export function renderCannedResponse(
  body: string,
  values: CannedResponseValues,
): RenderedCannedResponse {
  const missing = new Set<CannedResponseVariable>();
  const text = body.replace(VARIABLE, (whole, name: string) => {
    if (!(CANNED_RESPONSE_VARIABLES as readonly string[]).includes(name)) return whole;
    const value = values[name as CannedResponseVariable]?.trim();
    if (value) return value;
    missing.add(name as CannedResponseVariable);
    return `{{${name}}}`;
  });
  return { text, missing: [...missing] };
}

/** The known variables still unfilled in a text the agent is writing. */
export function unfilledCannedVariables(text: string): CannedResponseVariable[] {
  return cannedVariablesIn(text).filter((name): name is CannedResponseVariable =>
    (CANNED_RESPONSE_VARIABLES as readonly string[]).includes(name),
  );
}
