import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  JOURNEY_ABANDON_SECONDS,
  JOURNEY_OUTCOMES,
  JOURNEY_PATH_IDS,
  type ChannelKind,
  type JourneyConversationsDto,
  type JourneyConversationsQuery,
  type JourneyMomentDto,
  type JourneyNodeDto,
  type JourneyOutcome,
  type JourneyOverviewDto,
  type JourneyQuery,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';

interface PathRow {
  key: string;
  count: number;
  ids: string[];
  rated: number;
  rating_sum: number;
}

interface EdgeRow {
  a: string;
  b: string;
  count: number;
  measured: number;
  median: number | null;
  p90: number | null;
}

interface HandoffRow {
  kind: 'consult' | 'transfer';
  from_id: string | null;
  to_id: string | null;
  count: number;
  answered: number;
  median: number | null;
  p90: number | null;
}

interface OverviewRow {
  paths: PathRow[];
  edges: EdgeRow[];
  handoffs: HandoffRow[];
}

/** SQL: a team's node key. */
const TEAM_NODE = (expr: string) => `'team:' || coalesce(${expr}::text, 'none')`;
/** SQL: a team id that is never null (no team: the nil uuid), so it joins by hash. */
const NONE_TEAM = (expr: string) =>
  `coalesce(${expr}, '00000000-0000-0000-0000-000000000000'::uuid)`;
/**
 * SQL: the figures of a step `s` (its waits in `s.w`), grouped by hash: the waits are collected per
 * step and sorted there (`STEP_TIMES`), not the whole set by step first.
 */
const STEP = `count(*)::int AS count, count(s.w)::int AS measured,
   array_agg(s.w) FILTER (WHERE s.w IS NOT NULL) AS ws`;
/** SQL: a step's median and 90th percentile from its waits `e.ws`, as JourneyEdgeDto wants them. */
const STEP_TIMES = `SELECT e.a, e.b, e.count, e.measured, t.pc[1] AS median, t.pc[2] AS p90
   FROM steps e CROSS JOIN LATERAL (
     SELECT percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY x) AS pc
       FROM unnest(e.ws) x) t`;

const seconds = (v: number | null) => (v === null ? null : Math.round(v));
const teamNode = (id: string | null) => `team:${id ?? 'none'}`;

/**
 * The journeys of the conversations begun in a date range, added up by PostgreSQL in one statement:
 * each conversation's journey is read from the figures its writer keeps on it (one pass over the
 * conversations of the range through the `created_at` index), then grouped by path, by step and by
 * handoff. Nothing row by row reaches the process.
 *
 * A journey is: the entry (the channel kind of the first customer message, the conversation's
 * first channel kind), the team whose queue it entered first (the team it was moved away from by
 * its first team move, else the team it has), the teams pulled in by consults and transfers (in
 * the order first asked, each once, the entry team not again), and its outcome (see
 * JOURNEY_OUTCOMES; reopened is kept, abandoned and open depend on the moment asked). Times are
 * wall-clock: a customer waits through nights and weekends too.
 */
@Injectable()
export class JourneysQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async overview(q: JourneyQuery): Promise<JourneyOverviewDto> {
    const { sql, params } = this.journeys(q);
    const [row] = await this.readOnly<OverviewRow[]>(
      `${sql},
       -- Conversations per path and day: the paths' figures, and the day by which each path has
       -- its first conversations, so only those are sorted to list them.
       pd AS (
         SELECT j.entry_kind, j.entry_team, j.teams, j.outcome, j.created_at::date AS day,
                count(*) AS count, count(j.rating) AS rated, coalesce(sum(j.rating), 0) AS rating_sum
           FROM j GROUP BY 1, 2, 3, 4, 5),
       cut AS (
         SELECT d.entry_kind, ${NONE_TEAM('d.entry_team')} AS team, d.teams, d.outcome,
                coalesce(min(d.day) FILTER (WHERE d.running >= ${JOURNEY_PATH_IDS}), max(d.day)) AS day
           FROM (SELECT pd.*, sum(pd.count) OVER (PARTITION BY pd.entry_kind, pd.entry_team, pd.teams, pd.outcome
                                                  ORDER BY pd.day) AS running
                   FROM pd) d
          GROUP BY 1, 2, 3, 4)
       SELECT
         (SELECT coalesce(json_agg(p ORDER BY p.count DESC, p.key), '[]') FROM (
            SELECT 'entry:' || g.entry_kind || '>' || ${TEAM_NODE('g.entry_team')}
                     || coalesce((SELECT string_agg('>team:' || t, '' ORDER BY n)
                                    FROM unnest(g.teams) WITH ORDINALITY u(t, n)), '')
                     || '>outcome:' || g.outcome AS key,
                   g.count, f.ids, g.rated, g.rating_sum
              FROM (SELECT pd.entry_kind, pd.entry_team, pd.teams, pd.outcome, sum(pd.count)::int AS count,
                           sum(pd.rated)::int AS rated, sum(pd.rating_sum)::int AS rating_sum
                      FROM pd GROUP BY 1, 2, 3, 4) g
              JOIN (SELECT j.entry_kind, j.entry_team, j.teams, j.outcome,
                           (array_agg(j.id ORDER BY j.created_at, j.id))[1:${JOURNEY_PATH_IDS}] AS ids
                      FROM j JOIN cut ON cut.entry_kind = j.entry_kind AND cut.team = ${NONE_TEAM('j.entry_team')}
                                     AND cut.teams = j.teams AND cut.outcome = j.outcome
                                     AND j.created_at::date <= cut.day
                     GROUP BY 1, 2, 3, 4) f
                ON f.entry_kind = g.entry_kind AND f.entry_team IS NOT DISTINCT FROM g.entry_team
               AND f.teams = g.teams AND f.outcome = g.outcome) p) AS paths,
         (SELECT coalesce(json_agg(e ORDER BY e.a, e.b), '[]') FROM (
            WITH steps AS (
            SELECT 'entry:' || s.a AS a, ${TEAM_NODE('s.b')} AS b, ${STEP}
              FROM (SELECT j.entry_kind AS a, j.entry_team AS b, j.first_wait AS w FROM j) s
             GROUP BY s.a, s.b
            UNION ALL
            SELECT ${TEAM_NODE('s.a')}, ${TEAM_NODE('s.b')}, ${STEP}
              FROM j CROSS JOIN LATERAL unnest(ARRAY[j.entry_team] || j.teams[1:cardinality(j.teams) - 1],
                                               j.teams, j.waits) s(a, b, w)
             WHERE cardinality(j.teams) > 0
             GROUP BY s.a, s.b
            UNION ALL
            SELECT ${TEAM_NODE('s.a')}, 'outcome:' || s.b, ${STEP}
              FROM (SELECT coalesce(j.teams[cardinality(j.teams)], j.entry_team) AS a, j.outcome AS b,
                           j.resolve_secs AS w FROM j) s
             GROUP BY s.a, s.b)
            ${STEP_TIMES}) e) AS edges,
         (SELECT coalesce(json_agg(h), '[]') FROM (
            SELECT h.kind, h.from_team_id AS from_id, h.team_id AS to_id, count(*)::int AS count,
                   count(h.accepted_at)::int AS answered,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.accepted_at - h.created_at)) AS median,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM h.accepted_at - h.created_at)) AS p90
              FROM j JOIN handoffs h ON h.conversation_id = j.id
             GROUP BY 1, 2, 3) h) AS handoffs`,
      params,
    );

    const teamIds = new Set<string>();
    const nodeKeys = new Set<string>();
    for (const p of row.paths) for (const key of p.key.split('>')) nodeKeys.add(key);
    for (const h of row.handoffs) {
      nodeKeys.add(teamNode(h.from_id));
      nodeKeys.add(teamNode(h.to_id));
    }
    for (const key of nodeKeys)
      if (key.startsWith('team:') && key !== 'team:none') teamIds.add(key.slice(5));
    const teams: { id: string; name: string }[] = teamIds.size
      ? await this.db.query('SELECT id, name FROM teams WHERE id = ANY($1::uuid[])', [[...teamIds]])
      : [];
    const names = new Map(teams.map((t) => [t.id, t.name]));
    // A stop's ratings: those of the paths through it, each conversation once.
    const ratings = new Map<string, { rated: number; sum: number }>();
    for (const p of row.paths)
      for (const key of new Set(p.key.split('>'))) {
        const r = ratings.get(key) ?? { rated: 0, sum: 0 };
        ratings.set(key, { rated: r.rated + p.rated, sum: r.sum + p.rating_sum });
      }
    const node = (key: string): JourneyNodeDto => {
      const [type, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const r = ratings.get(key) ?? { rated: 0, sum: 0 };
      const csat = csatOf(r.rated, r.sum);
      if (type === 'entry')
        return { key, type, channelKind: value === 'none' ? null : (value as ChannelKind), csat };
      if (type === 'team')
        return {
          key,
          type,
          team: value === 'none' ? null : { id: value, name: names.get(value) ?? '' },
          csat,
        };
      return { key, type: 'outcome', outcome: value as JourneyOutcome, csat };
    };

    const outcomes = Object.fromEntries(JOURNEY_OUTCOMES.map((o) => [o, 0])) as Record<
      JourneyOutcome,
      number
    >;
    const paths = row.paths.map((p) => {
      const nodes = p.key.split('>');
      const outcome = nodes[nodes.length - 1].slice('outcome:'.length) as JourneyOutcome;
      outcomes[outcome] += p.count;
      return {
        key: `path:${p.key}`,
        nodes,
        outcome,
        count: p.count,
        conversationIds: p.ids,
        csat: csatOf(p.rated, p.rating_sum),
      };
    });

    const moments: JourneyMomentDto[] = [
      ...row.edges
        .filter((e) => e.a.startsWith('entry:'))
        .map((e) => ({
          key: `edge:${e.a}>${e.b}`,
          kind: 'first_response' as const,
          from: e.a,
          to: e.b,
          count: e.count,
          answered: e.measured,
          medianSeconds: seconds(e.median),
          p90Seconds: seconds(e.p90),
          unansweredShare: 0,
        })),
      ...row.handoffs.map((h) => ({
        key: `${h.kind}:${h.from_id ?? 'none'}:${h.to_id ?? 'none'}`,
        kind: h.kind,
        from: teamNode(h.from_id),
        to: teamNode(h.to_id),
        count: h.count,
        answered: h.answered,
        medianSeconds: seconds(h.median),
        p90Seconds: seconds(h.p90),
        unansweredShare: 0,
      })),
    ].map((m) => ({ ...m, unansweredShare: share(m.count - m.answered, m.count) }));
    // A step nobody answered ranks first: its customers are still waiting, or gave up.
    const rank = (m: JourneyMomentDto) => m.medianSeconds ?? Number.POSITIVE_INFINITY;
    moments.sort(
      (a, b) =>
        rank(b) - rank(a) ||
        b.unansweredShare - a.unansweredShare ||
        b.count - a.count ||
        a.key.localeCompare(b.key),
    );

    return {
      from: q.from,
      to: q.to,
      timeZone: q.timeZone,
      conversations: paths.reduce((n, p) => n + p.count, 0),
      outcomes,
      csat: csatOf(
        row.paths.reduce((n, p) => n + p.rated, 0),
        row.paths.reduce((n, p) => n + p.rating_sum, 0),
      ),
      nodes: [...nodeKeys].sort().map(node),
      paths,
      edges: row.edges.map((e) => ({
        key: `edge:${e.a}>${e.b}`,
        from: e.a,
        to: e.b,
        count: e.count,
        measured: e.measured,
        medianSeconds: seconds(e.median),
        p90Seconds: seconds(e.p90),
      })),
      moments,
    };
  }

  /**
   * A read over the conversations of up to a year, in a transaction of its own: sorts of a million
   * rows stay in memory, steps are grouped by hash (the planner cannot know there are only a few
   * dozen), the conversations are read by both cores (the planner thinks handing a million rows
   * from the workers on costs more than it does), and the query is not compiled (JIT takes seconds
   * and saves none here).
   */
  private readOnly<T>(sql: string, params: unknown[]): Promise<T> {
    return this.db.transaction('READ COMMITTED', async (m) => {
      await m.query(
        `SELECT set_config('work_mem', '256MB', true), set_config('hash_mem_multiplier', '8', true),
                set_config('jit', 'off', true), set_config('parallel_setup_cost', '0', true),
                set_config('parallel_tuple_cost', '0', true)`,
      );
      return m.query<T>(sql, params);
    });
  }

  /** The conversations behind one number of the overview, oldest first. */
  async conversations(q: JourneyConversationsQuery): Promise<JourneyConversationsDto> {
    const { sql, params } = this.journeys(q);
    const [kind, rest] = [q.key.slice(0, q.key.indexOf(':')), q.key.slice(q.key.indexOf(':') + 1)];
    const arg = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // A node key's value: a channel kind, a team id (null for `none`) or an outcome.
    const value = (node: string) => {
      const v = node.slice(node.indexOf(':') + 1);
      return v === 'none' && node.startsWith('team:') ? null : v;
    };
    const entryIs = (node: string) => `j.entry_kind = ${arg(value(node))}`;
    const team = (node: string) => `${arg(value(node))}::uuid`;
    let match: string;
    if (kind === 'path') {
      const nodes = rest.split('>');
      match = `${entryIs(nodes[0])} AND j.entry_team IS NOT DISTINCT FROM ${team(nodes[1])}
               AND j.teams = ${arg(nodes.slice(2, -1).map(value))}::uuid[]
               AND j.outcome = ${arg(value(nodes[nodes.length - 1]))}`;
    } else if (kind === 'edge') {
      const [a, b] = rest.split('>');
      if (a.startsWith('entry:') && b.startsWith('team:'))
        match = `${entryIs(a)} AND j.entry_team IS NOT DISTINCT FROM ${team(b)}`;
      else if (a.startsWith('team:') && b.startsWith('team:'))
        match = `EXISTS (SELECT 1 FROM unnest(ARRAY[j.entry_team] || j.teams[1:cardinality(j.teams) - 1],
                                              j.teams) s(a, b)
                          WHERE s.a IS NOT DISTINCT FROM ${team(a)} AND s.b = ${team(b)})`;
      else if (a.startsWith('team:') && b.startsWith('outcome:'))
        match = `coalesce(j.teams[cardinality(j.teams)], j.entry_team) IS NOT DISTINCT FROM ${team(a)}
                 AND j.outcome = ${arg(value(b))}`;
      else match = 'false';
    } else if (kind === 'hop') {
      // The i-th step of the path (0: entry → first team), as the diagram by stage draws it.
      const i = Number(rest.slice(0, rest.indexOf(':')));
      const [a, b] = rest.slice(rest.indexOf(':') + 1).split('>');
      const nodes = `(ARRAY['entry:' || j.entry_kind, 'team:' || coalesce(j.entry_team::text, 'none')]
                      || ARRAY(SELECT 'team:' || t FROM unnest(j.teams) WITH ORDINALITY u(t, n) ORDER BY n)
                      || ARRAY['outcome:' || j.outcome])`;
      match = `${nodes}[${arg(i + 1)}::int] = ${arg(a)} AND ${nodes}[${arg(i + 2)}::int] = ${arg(b)}`;
    } else if (kind === 'outcome') match = `j.outcome = ${arg(rest)}`;
    else {
      const [from, to] = rest.split(':').map((t) => (t === 'none' ? null : t));
      match = `EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = j.id AND h.kind = ${arg(kind)}
                  AND h.from_team_id IS NOT DISTINCT FROM ${arg(from)}::uuid
                  AND h.team_id IS NOT DISTINCT FROM ${arg(to)}::uuid)`;
    }
    const rows = await this.readOnly<{ id: string }[]>(
      `${sql}
       SELECT j.id FROM j WHERE ${match}
        ORDER BY j.created_at, j.id OFFSET ${arg(q.offset)} LIMIT ${arg(q.limit + 1)}`,
      params,
    );
    const ids = rows.slice(0, q.limit).map((r) => r.id);
    const details = await this.db.query<
      {
        id: string;
        subject: string | null;
        contact_name: string;
        status: string;
        entry_kind: ChannelKind | null;
        team_id: string | null;
        team_name: string | null;
        created_at: Date;
      }[]
    >(
      `SELECT c.id, c.subject, ct.name AS contact_name, c.status, c.channel_kinds[1] AS entry_kind,
              c.team_id, t.name AS team_name, c.created_at
         FROM unnest($1::uuid[]) WITH ORDINALITY AS i(id, n)
         JOIN conversations c ON c.id = i.id
         JOIN contacts ct ON ct.id = c.contact_id
         LEFT JOIN teams t ON t.id = c.team_id
        ORDER BY i.n`,
      [ids],
    );
    return {
      ids,
      conversations: details.map((d) => ({
        id: d.id,
        subject: d.subject,
        contactName: d.contact_name,
        status: d.status,
        entryKind: d.entry_kind,
        team: d.team_id ? { id: d.team_id, name: d.team_name ?? '' } : null,
        createdAt: d.created_at.toISOString(),
      })),
      nextOffset: rows.length > q.limit ? q.offset + q.limit : null,
    };
  }

  /**
   * `WITH … j`: one row per conversation begun in the range and matching the filters: its id,
   * start, entry kind and team, the teams pulled in with the wait until each accepted, the wait
   * until the first answer, the time until resolution (wall-clock seconds; null where not
   * measured: never answered, never accepted, not resolved) and its outcome.
   */
  private journeys(q: JourneyQuery): { sql: string; params: unknown[] } {
    // $1 start, $2 end (exclusive) as instants of the zone's midnights; $3 the zone; then filters.
    const params: unknown[] = [q.from, q.to, q.timeZone];
    const arg = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const filters: string[] = [];
    if (q.channelKind) filters.push(`c.channel_kinds[1] = ${arg(q.channelKind)}`);
    const earlier = `EXISTS (SELECT 1 FROM conversations o WHERE o.contact_id = c.contact_id
                      AND o.created_at < c.created_at AND o.merged_into_id IS NULL)`;
    if (q.segment === 'new') filters.push(`NOT ${earlier}`);
    if (q.segment === 'returning') filters.push(earlier);
    if (q.segment === 'lead') filters.push('c.lead_at IS NOT NULL');
    const team = q.teamId ? arg(q.teamId) : null;
    if (team)
      filters.push(
        `(c.journey_entry_team_id = ${team} OR c.team_id = ${team} OR ${team}::uuid = ANY(c.journey_team_ids))`,
      );
    const where = filters.map((f) => ` AND ${f}`).join('');
    const abandoned = `now() - interval '${JOURNEY_ABANDON_SECONDS} seconds'`;

    // The journey figures are kept on the conversation by its writer (`keepJourneys`); what depends
    // on the moment asked (abandoned, open) is worked out here. Handoffs come after their
    // conversation began: those since the range began are read once through their time index.
    const sql = `WITH r AS NOT MATERIALIZED (
         SELECT ($1::date)::timestamp AT TIME ZONE $3 AS start,
                ($2::date + 1)::timestamp AT TIME ZONE $3 AS until),
       hx AS (
         SELECT DISTINCT h.conversation_id FROM handoffs h CROSS JOIN r WHERE h.created_at >= r.start),
       j AS MATERIALIZED (
         SELECT c.id, c.created_at, coalesce(c.channel_kinds[1], 'none') AS entry_kind,
                c.journey_entry_team_id AS entry_team, c.journey_team_ids AS teams,
                c.journey_accept_seconds AS waits,
                extract(epoch FROM c.first_response_at - c.created_at)::float8 AS first_wait,
                sv.rating,
                CASE WHEN c.status = 'resolved'
                     THEN extract(epoch FROM c.resolved_at - c.created_at)::float8 END AS resolve_secs,
                CASE
                  WHEN c.journey_reopened THEN 'reopened'
                  WHEN c.first_response_at IS NULL
                       AND (c.status = 'resolved' OR coalesce(c.last_inbound_at, c.created_at) < ${abandoned})
                    THEN 'abandoned'
                  -- A resolved conversation answered before the customer's last words (a thank-you)
                  -- is resolved, not abandoned.
                  WHEN c.status <> 'resolved' AND c.waiting_since < ${abandoned} THEN 'abandoned'
                  WHEN c.status = 'resolved' AND c.replies_count = 1 AND c.reopened_at IS NULL
                    THEN 'one_touch'
                  WHEN c.status = 'resolved' AND hx.conversation_id IS NOT NULL THEN 'after_handoffs'
                  WHEN c.status = 'resolved' THEN 'resolved'
                  ELSE 'open'
                END AS outcome
           FROM conversations c
           CROSS JOIN r
           LEFT JOIN hx ON hx.conversation_id = c.id
           LEFT JOIN csat_surveys sv ON sv.conversation_id = c.id AND sv.rating IS NOT NULL
          WHERE c.created_at >= r.start AND c.created_at < r.until
            -- A conversation merged into another is a duplicate: its messages count with that one.
            AND c.merged_into_id IS NULL${where})`;
    return { sql, params };
  }
}

/** Mean rating to two decimals, as the satisfaction results give it. */
const csatOf = (rated: number, sum: number) => ({
  rated,
  average: rated === 0 ? null : Math.round((sum / rated) * 100) / 100,
});

const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
