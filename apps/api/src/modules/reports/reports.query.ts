import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  REPORT_BUCKET_MAX,
  type ChannelKind,
  type ReportDurationDto,
  type ReportOverviewDto,
  type ReportQuery,
  type ReportTeamRefDto,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';

interface VolumeRow {
  channel_kind: ChannelKind | null;
  hour: number;
  changes: number;
  switches: number;
  conversations: number;
}

interface DurationRow {
  count: number;
  median: number | null;
  p90: number | null;
}

interface DayRow {
  date: string;
  opened: number;
  resolved: number;
}

interface ResolvedRow extends DurationRow {
  one_touch: number;
}

interface ConsultRow {
  from_id: string | null;
  from_name: string | null;
  to_id: string | null;
  to_name: string | null;
  asked: number;
  accept_count: number;
  accept_median: number | null;
  accept_p90: number | null;
  answer_count: number;
  answer_median: number | null;
  answer_p90: number | null;
}

interface MoveRow {
  from_id: string | null;
  from_name: string | null;
  to_id: string | null;
  to_name: string | null;
  moves: number;
}

const ref = (id: string | null, name: string | null): ReportTeamRefDto | null =>
  id ? { id, name: name ?? '' } : null;

const duration = (count: number, median: number | null, p90: number | null) => ({
  count,
  medianSeconds: median === null ? null : Math.round(median),
  p90Seconds: p90 === null ? null : Math.round(p90),
});

/** SQL: median and 90th percentile of `expr`, as `<prefix>median`, `<prefix>p90`. */
const percentiles = (expr: string, prefix = '') =>
  `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expr}) AS ${prefix}median,
   percentile_cont(0.9) WITHIN GROUP (ORDER BY ${expr}) AS ${prefix}p90`;

/**
 * The reports of a date range, each figure added up by PostgreSQL: a handful of statements over the
 * conversations begun or resolved in the range (through their `created_at` and `resolved_at`
 * indexes), the consults asked and the team moves made in it. Nothing row by row reaches the
 * process; the figures per conversation (business times, replies, bounces, switches) are kept by
 * the conversation writer as they happen.
 */
@Injectable()
export class ReportsQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async overview(q: ReportQuery): Promise<ReportOverviewDto> {
    // $1 start, $2 end (exclusive) as instants of the zone's midnights; $3 the zone; then filters.
    const params: unknown[] = [q.from, q.to, q.timeZone];
    // A conversation merged into another is a duplicate: its messages count with that one.
    const filters: string[] = ['c.merged_into_id IS NULL'];
    const filter = (sql: string, value: unknown) => {
      params.push(value);
      filters.push(sql.replace('?', `$${params.length}`));
    };
    if (q.teamId) filter('c.team_id = ?', q.teamId);
    if (q.channelKind) filter('c.channel_kinds[1] = ?', q.channelKind);
    if (q.agentId) filter('c.owner_id = ?', q.agentId);
    const where = filters.map((f) => ` AND ${f}`).join('');
    // Inlined where it is used, so the planner folds the bounds to values and sees how much of a
    // table a range covers; a statement that uses it twice would otherwise keep it apart, guess a
    // small share, and sort a whole range's rows on disk where a hash counts them in memory.
    const range = `WITH r AS NOT MATERIALIZED (SELECT ($1::date)::timestamp AT TIME ZONE $3 AS start,
                                     ($2::date + 1)::timestamp AT TIME ZONE $3 AS until)`;
    const begun = `c.created_at >= r.start AND c.created_at < r.until${where}`;
    const resolvedIn = `c.resolved_at >= r.start AND c.resolved_at < r.until${where}`;

    const [volume, firstResponse, resolved, days, before, consults, moves] = await Promise.all([
      this.db.query<VolumeRow[]>(
        `${range}
         SELECT c.channel_kinds[1] AS channel_kind,
                extract(hour FROM c.created_at AT TIME ZONE $3)::int AS hour,
                least(c.owner_changes, ${REPORT_BUCKET_MAX}) AS changes,
                least(c.channel_switches, ${REPORT_BUCKET_MAX}) AS switches,
                count(*)::int AS conversations
           FROM conversations c, r WHERE ${begun}
          GROUP BY 1, 2, 3, 4`,
        params,
      ),
      this.db.query<DurationRow[]>(
        `${range}
         SELECT count(c.first_response_seconds)::int AS count, ${percentiles('c.first_response_seconds')}
           FROM conversations c, r WHERE ${begun} AND c.first_response_seconds IS NOT NULL`,
        params,
      ),
      this.db.query<ResolvedRow[]>(
        `${range}
         SELECT count(*)::int AS count, ${percentiles('c.resolution_seconds')},
                count(*) FILTER (WHERE c.replies_count = 1 AND c.reopened_at IS NULL)::int AS one_touch
           FROM conversations c, r WHERE ${resolvedIn}`,
        params,
      ),
      // Each day counted by two range counts on the created and resolved indexes: grouping the
      // range's rows by their local date would format and sort or hash every one of them.
      this.db.query<DayRow[]>(
        `WITH d AS (SELECT day::date AS day FROM generate_series($1::date, $2::date, '1 day') day),
         b AS (SELECT d.day, d.day::timestamp AT TIME ZONE $3 AS start,
                      (d.day + 1)::timestamp AT TIME ZONE $3 AS until FROM d)
         SELECT to_char(b.day, 'YYYY-MM-DD') AS date,
                (SELECT count(*)::int FROM conversations c
                  WHERE c.created_at >= b.start AND c.created_at < b.until${where}) AS opened,
                (SELECT count(*)::int FROM conversations c
                  WHERE c.resolved_at >= b.start AND c.resolved_at < b.until${where}) AS resolved
           FROM b
          ORDER BY b.day`,
        params,
      ),
      // Open when the range begins: begun before it, and not resolved before it.
      this.db.query<{ n: number }[]>(
        `${range}
         SELECT (SELECT count(*) FROM conversations c, r WHERE c.created_at < r.start${where})
              - (SELECT count(*) FROM conversations c, r
                  WHERE c.resolved_at < r.start AND c.created_at < r.start${where}) AS n`,
        params,
      ),
      this.db.query<ConsultRow[]>(
        `${range}
         SELECT h.from_team_id AS from_id, ft.name AS from_name, h.team_id AS to_id,
                tt.name AS to_name, count(*)::int AS asked,
                count(h.accepted_at)::int AS accept_count,
                ${percentiles('extract(epoch FROM h.accepted_at - h.created_at)', 'accept_')},
                count(h.completed_at)::int AS answer_count,
                ${percentiles('extract(epoch FROM h.completed_at - h.accepted_at)', 'answer_')}
           FROM handoffs h
           JOIN conversations c ON c.id = h.conversation_id
           CROSS JOIN r
           LEFT JOIN teams ft ON ft.id = h.from_team_id
           LEFT JOIN teams tt ON tt.id = h.team_id
          WHERE h.kind = 'consult' AND h.created_at >= r.start AND h.created_at < r.until${where}
          GROUP BY 1, 2, 3, 4
          ORDER BY asked DESC, from_name, to_name`,
        params,
      ),
      this.db.query<MoveRow[]>(
        `${range}
         SELECT m.from_team_id AS from_id, ft.name AS from_name, m.to_team_id AS to_id,
                tt.name AS to_name, count(*)::int AS moves
           FROM team_moves m
           JOIN conversations c ON c.id = m.conversation_id
           CROSS JOIN r
           LEFT JOIN teams ft ON ft.id = m.from_team_id
           LEFT JOIN teams tt ON tt.id = m.to_team_id
          WHERE m.moved_at >= r.start AND m.moved_at < r.until${where}
          GROUP BY 1, 2, 3, 4
          ORDER BY moves DESC, from_name, to_name`,
        params,
      ),
    ]);

    const sum = (rows: VolumeRow[], keep: (r: VolumeRow) => boolean = () => true) =>
      rows.filter(keep).reduce((n, r) => n + r.conversations, 0);
    const buckets = <K extends 'changes' | 'switches'>(key: K) =>
      Array.from({ length: REPORT_BUCKET_MAX + 1 }, (_, n) => ({
        n,
        conversations: sum(volume, (r) => r[key] === n),
      }));
    const byChannelHour = new Map<string, ReportOverviewDto['volume'][number]>();
    for (const r of volume) {
      const key = `${r.channel_kind ?? ''}/${r.hour}`;
      const entry = byChannelHour.get(key) ?? {
        channelKind: r.channel_kind,
        hour: r.hour,
        conversations: 0,
      };
      entry.conversations += r.conversations;
      byChannelHour.set(key, entry);
    }
    let backlog = Number(before[0]?.n ?? 0);
    const resolvedRow = resolved[0] ?? { count: 0, median: null, p90: null, one_touch: 0 };
    const first = firstResponse[0] ?? { count: 0, median: null, p90: null };

    return {
      from: q.from,
      to: q.to,
      timeZone: q.timeZone,
      totals: {
        conversations: sum(volume),
        resolved: resolvedRow.count,
        oneTouch: resolvedRow.one_touch,
        bounced: sum(volume, (r) => r.changes > 0),
        switchedChannel: sum(volume, (r) => r.switches > 0),
      },
      volume: [...byChannelHour.values()].sort(
        (a, b) => (a.channelKind ?? '').localeCompare(b.channelKind ?? '') || a.hour - b.hour,
      ),
      days: days.map((d) => {
        backlog += d.opened - d.resolved;
        return {
          date: d.date,
          opened: d.opened,
          resolved: d.resolved,
          backlog: Math.max(0, backlog),
        };
      }),
      firstResponse: duration(first.count, first.median, first.p90),
      resolution: duration(resolvedRow.count, resolvedRow.median, resolvedRow.p90),
      consults: consults.map((c): ReportOverviewDto['consults'][number] => ({
        fromTeam: ref(c.from_id, c.from_name),
        toTeam: ref(c.to_id, c.to_name),
        asked: c.asked,
        accept: duration(c.accept_count, c.accept_median, c.accept_p90) satisfies ReportDurationDto,
        answer: duration(c.answer_count, c.answer_median, c.answer_p90),
      })),
      bounces: buckets('changes').map(({ n, conversations }) => ({ changes: n, conversations })),
      teamMoves: moves.map((m) => ({
        fromTeam: ref(m.from_id, m.from_name),
        toTeam: ref(m.to_id, m.to_name),
        moves: m.moves,
      })),
      channelSwitches: buckets('switches').map(({ n, conversations }) => ({
        switches: n,
        conversations,
      })),
    };
  }
}
