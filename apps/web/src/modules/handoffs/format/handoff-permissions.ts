import {
  OVERSEEING_ROLES,
  READ_ONLY_ROLES,
  type HandoffDto,
  type UserDto,
} from '@touchpoint/shared';

/** The steps of a handoff the viewer may take now; the API checks the same rules. */
export interface HandoffPermissions {
  /** Accept or decline: a requested handoff addressed to them or to one of their teams. */
  take: boolean;
  /** Complete: a consult they accepted. */
  complete: boolean;
  /** Cancel: an open handoff they asked for (supervisors and admins: any). */
  cancel: boolean;
}

export function handoffPermissions(handoff: HandoffDto, me: UserDto): HandoffPermissions {
  // The touchpoint manager reads consults, also of teams they belong to, but takes no step.
  if (READ_ONLY_ROLES.includes(me.role)) return { take: false, complete: false, cancel: false };
  const overseer = OVERSEEING_ROLES.includes(me.role);
  const requester = handoff.requestedBy.id === me.id;
  const addressed = handoff.team
    ? me.teams.some((team) => team.id === handoff.team?.id)
    : handoff.assignee?.id === me.id;
  const open = handoff.status === 'requested' || handoff.status === 'accepted';
  return {
    // Who asked does not answer their own request; they may withdraw it.
    take: handoff.status === 'requested' && !requester && (addressed || overseer),
    complete:
      handoff.status === 'accepted' && handoff.kind === 'consult' && handoff.assignee?.id === me.id,
    cancel: open && (requester || overseer),
  };
}
