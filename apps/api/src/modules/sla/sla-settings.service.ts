import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALWAYS_OPEN_CALENDAR,
  businessCalendarSchema,
  type BusinessCalendar,
  type SlaPolicyDto,
  type SlaPolicyEntry,
  type TeamBusinessHoursDto,
  type TeamSlaPoliciesDto,
} from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { DomainEvents, type EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { Team } from '../users/team.entity';
import { SlaPolicy } from './sla-policy.entity';
import { compareSlaPolicies, toSlaPolicyDto } from './sla-policy.mapper';
import { DuplicateSlaPolicyException } from './sla.exception';

/**
 * A team's business hours and SLA policies: what admins configure, and what the SLA clock reads.
 * `teams.business_hours` belongs to this module; the users module neither reads nor writes it.
 * Nothing is cached: every call reads the database, so a change applies at once.
 */
@Injectable()
export class SlaSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  /** The team's own business hours; null when it has none (open around the clock). */
  async businessHours(
    teamId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<TeamBusinessHoursDto> {
    const rows: { business_hours: unknown }[] = await manager.query(
      'SELECT business_hours FROM teams WHERE id = $1',
      [teamId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundException('Team', teamId);
    return {
      teamId,
      businessHours:
        row.business_hours === null ? null : businessCalendarSchema.parse(row.business_hours),
    };
  }

  /** Sets the team's business hours; null goes back to open around the clock in Europe/Berlin. */
  async setBusinessHours(
    teamId: string,
    calendar: BusinessCalendar | null,
  ): Promise<TeamBusinessHoursDto> {
    return this.events.transaction(async (m, batch) => {
      await this.lockTeam(m, teamId);
      await m.query(
        'UPDATE teams SET business_hours = $2::jsonb, updated_at = now() WHERE id = $1',
        [teamId, calendar === null ? null : JSON.stringify(calendar)],
      );
      await this.changed(m, teamId, batch);
      return this.businessHours(teamId, m);
    });
  }

  /** The calendar the team's SLA clock runs on: its own, or around the clock in Europe/Berlin. */
  async calendarOf(
    teamId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<BusinessCalendar> {
    return (await this.businessHours(teamId, manager)).businessHours ?? ALWAYS_OPEN_CALENDAR;
  }

  /** The team's policies, the default first (see `compareSlaPolicies`). */
  async policies(
    teamId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<TeamSlaPoliciesDto> {
    const exists = await manager.getRepository(Team).exists({ where: { id: teamId } });
    if (!exists) throw new NotFoundException('Team', teamId);
    return { teamId, policies: await this.policiesOf(teamId, manager) };
  }

  /** The team's policies for choosing one with `slaPolicyFor`; empty for an unknown team. */
  async policiesOf(
    teamId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<SlaPolicyDto[]> {
    const rows = await manager.getRepository(SlaPolicy).find({ where: { teamId } });
    return rows.map(toSlaPolicyDto).sort(compareSlaPolicies);
  }

  /** Replaces the team's policies with exactly these, all or nothing. */
  async replacePolicies(teamId: string, policies: SlaPolicyEntry[]): Promise<TeamSlaPoliciesDto> {
    try {
      return await this.events.transaction(async (m, batch) => {
        await this.lockTeam(m, teamId);
        const repository = m.getRepository(SlaPolicy);
        await repository.delete({ teamId });
        if (policies.length)
          await repository.insert(policies.map((policy) => ({ ...policy, teamId })));
        await this.changed(m, teamId, batch);
        return this.policies(teamId, m);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'sla_policies_team_scope_key'))
        throw new DuplicateSlaPolicyException();
      throw err;
    }
  }

  /**
   * The clocks of the team's open conversations must follow: the change is recorded on the team
   * (the SLA sweep replans teams whose change was not applied yet) and announced.
   */
  private async changed(m: EntityManager, teamId: string, batch: EventBatch): Promise<void> {
    await m.query('UPDATE teams SET sla_changed_at = clock_timestamp() WHERE id = $1', [teamId]);
    batch.add('team.updated', { teamId });
  }

  /** Serialises writes to one team's settings; 404 for an unknown team. */
  private async lockTeam(m: EntityManager, teamId: string): Promise<void> {
    const team = await m.getRepository(Team).findOne({
      where: { id: teamId },
      select: { id: true },
      lock: { mode: 'pessimistic_write' },
    });
    if (!team) throw new NotFoundException('Team', teamId);
  }
}
