import { createTeamSchema, teamMembersSchema, updateTeamSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateTeamDto extends createZodDto(createTeamSchema) {}
export class UpdateTeamDto extends createZodDto(updateTeamSchema) {}
export class TeamMembersDto extends createZodDto(teamMembersSchema) {}
