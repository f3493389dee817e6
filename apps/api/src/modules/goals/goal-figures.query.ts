import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GOAL_DIRECTIONS,
  GOAL_TREND_WEEKS,
  GOAL_WINDOW_DAYS,
  type GoalBreakdownDto,
  type GoalDefinition,
  type GoalDirection,
  type GoalDto,
  type GoalFigureDto,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';

interface FigureRow {
  part: 'current' | 'week' | 'team';
  week: number | null;
  a_id: string | null;
  a_name: string | null;
  b_id: string | null;
  b_name: string | null;
  count: number;
  value: number | null;
}

/**
 * What a goal counts: one row per consult, conversation or rating; `hit` 1 when it met the goal (0
 * when not), or the rating itself, so a goal's value is always the mean of `hit`.
 */
interface Base {
  sql: string;
  params: unknown[];
  /** The breakdown says which team pair (consults) or team holds the goal back; none when fixed. */
  breakdown: boolean;
}

export type GoalFigures = Pick<GoalDto, 'current' | 'holds' | 'trend' | 'breakdown'>;

const WEEK_SECONDS = 7 * 86_400;
const DAY_MS = 86_400_000;

export const holdsTarget = (value: number, target: number, direction: GoalDirection) =>
  direction === 'at_least' ? value >= target : value <= target;

/**
 * The figures of a goal, counted by PostgreSQL in one statement: its value over the last
 * `GOAL_WINDOW_DAYS` days, per week for the last `GOAL_TREND_WEEKS`, and per team (pair) over the
 * window. Each kind counts as the reports do: consults by when they were asked, one-touch
 * resolutions by when the conversation was resolved, first responses by when it began; merged
 * duplicates never count.
 */
@Injectable()
export class GoalFiguresQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async figures(goal: GoalDefinition, now: Date): Promise<GoalFigures> {
    const base = this.base(goal);
    const trendDays = GOAL_TREND_WEEKS * 7;
    // $1 now, $2 the start of the trend (the older of the two windows), $3 the start of the window.
    const rows = await this.db.query<FigureRow[]>(
      `WITH base AS (${base.sql}),
       b AS (SELECT base.a_id, base.b_id, base.hit, base.at >= $3::timestamptz AS current,
                    least(floor(extract(epoch FROM base.at - $2::timestamptz) / ${WEEK_SECONDS}), ${GOAL_TREND_WEEKS - 1})::int AS week
               FROM base)
       SELECT 'current' AS part, NULL::int AS week, NULL::uuid AS a_id, NULL AS a_name,
              NULL::uuid AS b_id, NULL AS b_name, count(*)::int AS count,
              sum(hit)::float8 / nullif(count(*), 0) AS value
         FROM b WHERE b.current
       UNION ALL
       SELECT 'week', b.week, NULL, NULL, NULL, NULL, count(*)::int, sum(hit)::float8 / count(*)
         FROM b GROUP BY b.week${
           base.breakdown
             ? `
       UNION ALL
       SELECT 'team', NULL, b.a_id, ta.name, b.b_id, tb.name, count(*)::int, sum(hit)::float8 / count(*)
         FROM b LEFT JOIN teams ta ON ta.id = b.a_id LEFT JOIN teams tb ON tb.id = b.b_id
        WHERE b.current
        GROUP BY b.a_id, ta.name, b.b_id, tb.name`
             : ''
         }`,
      [
        now,
        new Date(now.getTime() - Math.max(trendDays, GOAL_WINDOW_DAYS) * DAY_MS),
        new Date(now.getTime() - GOAL_WINDOW_DAYS * DAY_MS),
        ...base.params,
      ],
    );
    const direction = GOAL_DIRECTIONS[goal.kind];
    const currentRow = rows.find((r) => r.part === 'current');
    const current: GoalFigureDto = {
      value: currentRow?.count ? currentRow.value : null,
      count: currentRow?.count ?? 0,
    };
    const trendStart = now.getTime() - trendDays * DAY_MS;
    const weeks = new Map(rows.filter((r) => r.part === 'week').map((r) => [r.week, r]));
    const trend = Array.from({ length: GOAL_TREND_WEEKS }, (_, week) => {
      const row = weeks.get(week);
      return {
        weekStart: new Date(trendStart + week * 7 * DAY_MS).toISOString(),
        value: row ? row.value : null,
        count: row?.count ?? 0,
      };
    });
    const worse = (a: GoalBreakdownDto, b: GoalBreakdownDto) =>
      ((a.value ?? 0) - (b.value ?? 0)) * (direction === 'at_least' ? 1 : -1) || b.count - a.count;
    const breakdown = rows
      .filter((r) => r.part === 'team')
      .map((r): GoalBreakdownDto => ({
        fromTeam: r.a_id ? { id: r.a_id, name: r.a_name ?? '' } : null,
        toTeam: r.b_id ? { id: r.b_id, name: r.b_name ?? '' } : null,
        value: r.value,
        count: r.count,
        holds: r.value !== null && holdsTarget(r.value, goal.target, direction),
      }))
      .sort(worse);
    return {
      current,
      holds: current.value === null ? null : holdsTarget(current.value, goal.target, direction),
      trend,
      breakdown,
    };
  }

  /**
   * The rows a goal counts since $2, with `a_id` (the team asking, or the conversation's or
   * survey's team), `b_id` (the team asked; consults only), `at` and `hit`; its own parameters
   * from $4.
   */
  private base(goal: GoalDefinition): Base {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length + 3}`;
    };
    switch (goal.kind) {
      case 'consult_accept_within': {
        const { fromTeamId, toTeamId, minutes } = goal.params;
        const limit = param(minutes * 60);
        const filters = [
          fromTeamId ? ` AND h.from_team_id = ${param(fromTeamId)}` : '',
          toTeamId ? ` AND h.team_id = ${param(toTeamId)}` : '',
        ].join('');
        // Counted in the business time of the team asked, as its accept deadline is. A consult
        // still waiting inside its minutes is not decided yet; one withdrawn by the team that asked
        // before anyone accepted it was never missed.
        return {
          sql: `SELECT h.from_team_id AS a_id, h.team_id AS b_id, h.created_at AS at,
                       (h.accepted_at IS NOT NULL
                        AND business_seconds(t.business_hours, h.created_at, h.accepted_at) <= ${limit})::int AS hit
                  FROM handoffs h
                  JOIN conversations c ON c.id = h.conversation_id
                  LEFT JOIN teams t ON t.id = h.team_id
                 WHERE h.kind = 'consult' AND h.created_at >= $2 AND h.created_at < $1
                   AND c.merged_into_id IS NULL${filters}
                   AND NOT (h.accepted_at IS NULL AND h.status = 'cancelled')
                   AND NOT (h.status = 'requested'
                            AND business_seconds(t.business_hours, h.created_at, $1) < ${limit})`,
          params,
          breakdown: !(fromTeamId && toTeamId),
        };
      }
      case 'one_touch_rate': {
        const { teamId } = goal.params;
        const filter = teamId ? ` AND c.team_id = ${param(teamId)}` : '';
        return {
          sql: `SELECT c.team_id AS a_id, NULL::uuid AS b_id, c.resolved_at AS at,
                       (c.replies_count = 1 AND c.reopened_at IS NULL)::int AS hit
                  FROM conversations c
                 WHERE c.resolved_at >= $2 AND c.resolved_at < $1
                   AND c.merged_into_id IS NULL${filter}`,
          params,
          breakdown: !teamId,
        };
      }
      case 'first_response_within': {
        const { teamId, minutes } = goal.params;
        const limit = param(minutes * 60);
        const filter = teamId ? ` AND c.team_id = ${param(teamId)}` : '';
        // The first response time is kept in the team's business time by the conversation writer.
        // A conversation still unanswered counts once its minutes have passed; one resolved
        // without a reply needed none.
        return {
          sql: `SELECT c.team_id AS a_id, NULL::uuid AS b_id, c.created_at AS at,
                       (c.first_response_seconds IS NOT NULL
                        AND c.first_response_seconds <= ${limit})::int AS hit
                  FROM conversations c
                  LEFT JOIN teams t ON t.id = c.team_id
                 WHERE c.created_at >= $2 AND c.created_at < $1
                   AND c.merged_into_id IS NULL${filter}
                   AND (c.first_response_seconds IS NOT NULL
                        OR (c.resolved_at IS NULL
                            AND business_seconds(t.business_hours, c.created_at, $1) >= ${limit}))`,
          params,
          breakdown: !teamId,
        };
      }
      case 'csat_average': {
        const { teamId } = goal.params;
        const filter = teamId ? ` AND s.team_id = ${param(teamId)}` : '';
        // As the satisfaction results count: surveys by when they were sent, the team at
        // resolution, the mean of those rated.
        return {
          sql: `SELECT s.team_id AS a_id, NULL::uuid AS b_id, s.requested_at AS at, s.rating AS hit
                  FROM csat_surveys s
                 WHERE s.requested_at >= $2 AND s.requested_at < $1
                   AND s.rating IS NOT NULL${filter}`,
          params,
          breakdown: !teamId,
        };
      }
    }
  }
}
