import type { TeamDto } from '@touchpoint/shared';
import type { Team } from './team.entity';

export function toTeamDto(team: Team): TeamDto {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    consultAcceptSeconds: team.consultAcceptSeconds,
    consultAnswerSeconds: team.consultAnswerSeconds,
    participantGraceSeconds: team.participantGraceSeconds,
    specialistsMayReply: team.specialistsMayReply,
    fallbackTeamId: team.fallbackTeamId,
    autoAssign: team.autoAssign,
    maxOpenPerAgent: team.maxOpenPerAgent,
    holdsMarketing: team.holdsMarketing,
    receivesLeads: team.receivesLeads,
    members: (team.memberships ?? [])
      .flatMap((m) =>
        m.user
          ? [{ id: m.user.id, name: m.user.name, email: m.user.email, role: m.user.role }]
          : [],
      )
      .sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: team.createdAt.toISOString(),
  };
}
