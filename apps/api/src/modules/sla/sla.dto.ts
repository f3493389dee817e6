import { businessCalendarSchema, teamSlaPoliciesSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

/** `PUT /api/teams/:id/business-hours`: the team's calendar. */
export class BusinessCalendarDto extends createZodDto(businessCalendarSchema) {}
/** `PUT /api/teams/:id/sla-policies`: the team's whole list. */
export class TeamSlaPoliciesBodyDto extends createZodDto(teamSlaPoliciesSchema) {}
