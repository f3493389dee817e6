import {
  templateVariableCount,
  type MessageTemplate,
  type ReplyChannelOptionDto,
  type TemplateReplyRequest,
} from '@touchpoint/shared';
import type { DraftTemplate } from '../states/drafts.store';

/**
 * Where a channel's reply window stands (WhatsApp: free text within 24 hours of the customer's
 * last message). `none`: the channel has no window. A window whose end has passed counts as closed
 * before the server says so again.
 */
export type ReplyWindowState =
  | { kind: 'none' }
  | { kind: 'open'; closesAt: string | null }
  | { kind: 'closed'; closedAt: string | null };

export function replyWindowState(
  option: ReplyChannelOptionDto | undefined,
  now: number,
): ReplyWindowState {
  const window = option?.window;
  if (!window) return { kind: 'none' };
  const { closesAt } = window;
  if (window.open && (closesAt === null || Date.parse(closesAt) > now))
    return { kind: 'open', closesAt };
  return { kind: 'closed', closedAt: closesAt };
}

/** "14:32" on the day of `now`, else with the date ("11.03.2026, 14:32"), as the locale writes it. */
export function windowTime(iso: string, locale: string, now: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const sameDay = at.toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(at);
}

/** The language of a template as people say it ("German"), falling back to its code. */
export function templateLanguage(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code.replace('_', '-')) ?? code;
  } catch {
    return code;
  }
}

export function findTemplate(
  templates: readonly MessageTemplate[],
  wanted: Pick<DraftTemplate, 'name' | 'language'> | null,
): MessageTemplate | undefined {
  return wanted
    ? templates.find((t) => t.name === wanted.name && t.language === wanted.language)
    : undefined;
}

/** The values of a template's variables as typed so far, one per variable. */
export function templateValues(template: MessageTemplate, draft: DraftTemplate | null): string[] {
  return Array.from(
    { length: templateVariableCount(template.body) },
    (_, i) => draft?.variables[i] ?? '',
  );
}

/** What the API is sent for the template draft, or null while it is not complete. */
export function templateRequest(
  templates: readonly MessageTemplate[],
  draft: DraftTemplate | null,
): TemplateReplyRequest | null {
  const template = findTemplate(templates, draft);
  if (!template) return null;
  const variables = templateValues(template, draft).map((value) => value.trim());
  if (variables.some((value) => value === '')) return null;
  return { name: template.name, language: template.language, variables };
}
