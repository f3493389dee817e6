import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { TeamMembership } from '../modules/teams/team-membership.entity';
import { Team } from '../modules/teams/team.entity';
import { User } from '../modules/users/user.entity';
import { Workspace } from '../modules/workspace/workspace.entity';

/** Every entity of the schema, registered once for the data source. */
export const entities = [Workspace, User, Team, TeamMembership, RefreshToken];
