import type { ChannelKind, ConversationPriority, SlaPolicyRule } from '@touchpoint/shared';

/** What a policy is chosen by: the conversation's channel kind and priority. */
export interface SlaSubject {
  channelKind: ChannelKind | null;
  priority: ConversationPriority | null;
}

/**
 * The policy of a team that applies to a conversation: the most specific match wins, in this
 * order: its channel kind and priority, its priority for any channel, its channel kind for any
 * priority, then the team's default (both null). Null when none matches (no targets).
 */
export function slaPolicyFor<P extends Pick<SlaPolicyRule, 'channelKind' | 'priority'>>(
  policies: readonly P[],
  { channelKind, priority }: SlaSubject,
): P | null {
  const order: [ChannelKind | null, ConversationPriority | null][] = [
    [channelKind, priority],
    [null, priority],
    [channelKind, null],
    [null, null],
  ];
  for (const [kind, level] of order) {
    const match = policies.find((p) => p.channelKind === kind && p.priority === level);
    if (match) return match;
  }
  return null;
}
