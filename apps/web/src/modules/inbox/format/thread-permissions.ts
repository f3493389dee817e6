import {
  OVERSEEING_ROLES,
  READ_ONLY_ROLES,
  type ConversationSummaryDto,
  type UserDto,
} from '@touchpoint/shared';

/**
 * What the user may do with an open conversation, as its header (and the keyboard) offers it:
 * pull colleagues in (its owner, supervisors, admins) and manage status and priority (the same, or
 * anyone while it is unowned). A touchpoint manager reads only. The API has the last word.
 */
export function threadPermissions(
  conversation: Pick<ConversationSummaryDto, 'owner'>,
  me: UserDto | undefined,
): { mayPullIn: boolean; mayManage: boolean; readOnly: boolean } {
  const owner = conversation.owner;
  if (me && READ_ONLY_ROLES.includes(me.role))
    return { mayPullIn: false, mayManage: false, readOnly: true };
  const mayPullIn = me !== undefined && (owner?.id === me.id || OVERSEEING_ROLES.includes(me.role));
  return { mayPullIn, mayManage: !owner || mayPullIn, readOnly: false };
}
