import type { CannedResponseDto } from '@touchpoint/shared';

/** A `/word` being typed: where its slash is and what follows it up to the cursor. */
export interface SlashTrigger {
  start: number;
  query: string;
}

const TRIGGER = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;

/** The `/word` right before the cursor, when the slash starts a word; null otherwise. */
export function slashTriggerAt(text: string, caret: number): SlashTrigger | null {
  const match = TRIGGER.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2].toLowerCase() };
}

/** Those matching `query`: shortcuts starting with it first, then shortcut or title containing it. */
export function matchCannedResponses(
  responses: readonly CannedResponseDto[],
  query: string,
  limit = 8,
): CannedResponseDto[] {
  const q = query.toLowerCase();
  const starts = responses.filter((r) => r.shortcut.startsWith(q));
  const contains = responses.filter(
    (r) =>
      !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q)),
  );
  return [...starts, ...contains].slice(0, limit);
}

/** `text` with the `/word` of `trigger` (up to `caret`) replaced by `insert`; and the new cursor. */
export function replaceTrigger(
  text: string,
  trigger: SlashTrigger,
  caret: number,
  insert: string,
): { text: string; caret: number } {
  return {
    text: text.slice(0, trigger.start) + insert + text.slice(caret),
    caret: trigger.start + insert.length,
  };
}
