import {
  OVERSEEING_ROLES,
  READ_ONLY_ROLES,
  type ConversationDto,
  type ConversationSummaryDto,
  type UserDto,
} from '@touchpoint/shared';
import type { ComposerMode } from '../states/drafts.store';

/**
 * Who answers the customer, as far as a summary tells: the owner, anyone on an unowned
 * conversation (the first replier becomes its owner), supervisors and admins. (A team may let its
 * specialists reply too, which only the server's `mayReply` says.)
 */
export function mayReplyBySummary(
  conversation: ConversationSummaryDto,
  me: UserDto | undefined,
): boolean {
  if (!me) return true; // the shell renders only once the user is loaded
  if (READ_ONLY_ROLES.includes(me.role)) return false;
  const owner = conversation.owner;
  return !owner || owner.id === me.id || OVERSEEING_ROLES.includes(me.role);
}

/**
 * Who answers the customer. The conversation's detail says it for the user (`mayReply`: the owner,
 * supervisors and admins, anyone while it is unowned, specialists of an accepted consult whose team
 * allows it); with only a summary at hand, `mayReplyBySummary`. The API has the last word.
 */
export function mayReply(
  conversation: ConversationSummaryDto | ConversationDto,
  me: UserDto | undefined,
): boolean {
  if ('mayReply' in conversation && typeof conversation.mayReply === 'boolean') {
    return conversation.mayReply;
  }
  return mayReplyBySummary(conversation, me);
}

/**
 * What the composer offers: the owner replies or notes; everyone else notes or suggests a reply
 * for the owner to send; whoever may reply on someone else's conversation (supervisors, specialists
 * allowed to) all three.
 */
export function composerModesFor(
  conversation: ConversationSummaryDto | ConversationDto,
  me: UserDto | undefined,
): readonly ComposerMode[] {
  const owner = conversation.owner;
  const ownedByOther = owner !== null && owner.id !== me?.id;
  if (!mayReply(conversation, me)) return ['note', 'suggestion'];
  return ownedByOther && me ? ['reply', 'note', 'suggestion'] : ['reply', 'note'];
}

/** The mode a draft is in, or the first one offered when its mode is not (anymore). */
export function effectiveMode(
  wanted: ComposerMode | undefined,
  modes: readonly ComposerMode[],
): ComposerMode {
  return wanted && modes.includes(wanted) ? wanted : (modes[0] ?? 'note');
}
