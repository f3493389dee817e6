import type { ChannelKind, ConversationPriority, SlaPolicyRule } from '@touchpoint/shared';

/** What a policy is chosen by: the conversation's channel kind and priority. */
export interface SlaSubject {
  channelKind: ChannelKind | null;
  priority: ConversationPriority | null;
}

type Scoped = Pick<SlaPolicyRule, 'channelKind' | 'priority'>;

/**
 * The policies of a team that match a conversation, the most specific first: its channel kind
 * and priority, its priority for any channel, its channel kind for any priority, then the team's
 * default (both null). At most one each, as a team has one policy per scope.
 */
export function matchingSlaPolicies<P extends Scoped>(
  policies: readonly P[],
  { channelKind, priority }: SlaSubject,
): P[] {
  const order: [ChannelKind | null, ConversationPriority | null][] = [
    [channelKind, priority],
    [null, priority],
    [channelKind, null],
    [null, null],
  ];
  const matches: P[] = [];
  for (const [kind, level] of order) {
    const match = policies.find((p) => p.channelKind === kind && p.priority === level);
    if (match && !matches.includes(match)) matches.push(match);
  }
  return matches;
}

/**
 * The policy of a team that applies to a conversation: the most specific match wins (see
 * `matchingSlaPolicies`). Null when none matches (no targets).
 */
export function slaPolicyFor<P extends Scoped>(
  policies: readonly P[],
  subject: SlaSubject,
): P | null {
  return matchingSlaPolicies(policies, subject)[0] ?? null;
}
