import { templateVariableCount, type MessageTemplate } from '@touchpoint/shared';

/**
 * A reply that is a template names it in its metadata: `templateName`, `templateLanguage` and
 * `templateVariables` (the values of `{{1}}`, `{{2}}`... in order). The reply's text is the template
 * filled in (`renderTemplate` of the shared contract), so the thread shows what the customer got.
 */
export interface TemplateReply {
  name: string;
  language: string;
  variables: string[];
}

export function templateReplyOf(metadata: Record<string, unknown>): TemplateReply | null {
  const { templateName: name, templateLanguage: language, templateVariables: variables } = metadata;
  if (typeof name !== 'string' || !name || typeof language !== 'string' || !language) return null;
  const values = Array.isArray(variables) ? variables.map((v) => String(v)) : [];
  return { name, language, variables: values };
}

/** The channel's template of this name and language, or why it cannot be sent. */
export function findTemplate(
  templates: readonly MessageTemplate[],
  reply: TemplateReply,
): MessageTemplate | string {
  const template = templates.find((t) => t.name === reply.name && t.language === reply.language);
  if (!template)
    return `The template ${reply.name} (${reply.language}) is not among this channel's templates: an admin must add it in the channel settings`;
  const wanted = templateVariableCount(template.body);
  if (reply.variables.length !== wanted)
    return `The template ${reply.name} takes ${wanted} value${wanted === 1 ? '' : 's'}, ${reply.variables.length} given`;
  if (reply.variables.some((v) => !v.trim()))
    return `Every value of the template ${reply.name} must be filled in`;
  return template;
}
