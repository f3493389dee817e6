import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ChannelKind,
  SatisfactionFiguresDto,
  SatisfactionGroupDto,
  SatisfactionQuery,
  SatisfactionResultsDto,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';

interface Row {
  dim: 'total' | 'team' | 'channel' | 'agent';
  key: string | null;
  name: string | null;
  requested: number;
  rated: number;
  average: number | null;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

const FIGURES = `count(*)::int AS requested, count(s.rating)::int AS rated,
  avg(s.rating)::float AS average,
  count(*) FILTER (WHERE s.rating = 1)::int AS r1, count(*) FILTER (WHERE s.rating = 2)::int AS r2,
  count(*) FILTER (WHERE s.rating = 3)::int AS r3, count(*) FILTER (WHERE s.rating = 4)::int AS r4,
  count(*) FILTER (WHERE s.rating = 5)::int AS r5`;

/**
 * Satisfaction results: surveys sent in the range (by the day they were sent, in the range's time
 * zone), their response rate, mean and distribution, in total and per team and agent at
 * resolution and per channel kind the survey went through. One scan of the range's surveys.
 */
@Injectable()
export class SatisfactionResultsQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async results(q: SatisfactionQuery): Promise<SatisfactionResultsDto> {
    const rows: Row[] = await this.db.query(
      `WITH s AS (
         SELECT team_id, owner_id, channel_kind, rating FROM csat_surveys
          WHERE requested_at >= ($1::date)::timestamp AT TIME ZONE $3
            AND requested_at < ($2::date + 1)::timestamp AT TIME ZONE $3
            AND ($4::uuid IS NULL OR team_id = $4) AND ($5::varchar IS NULL OR channel_kind = $5))
       SELECT 'total' AS dim, NULL AS key, NULL AS name, ${FIGURES} FROM s
       UNION ALL
       SELECT 'team', s.team_id::text, min(t.name), ${FIGURES}
         FROM s LEFT JOIN teams t ON t.id = s.team_id GROUP BY s.team_id
       UNION ALL
       SELECT 'channel', s.channel_kind, s.channel_kind, ${FIGURES} FROM s GROUP BY s.channel_kind
       UNION ALL
       SELECT 'agent', s.owner_id::text, min(u.name), ${FIGURES}
         FROM s LEFT JOIN users u ON u.id = s.owner_id GROUP BY s.owner_id`,
      [q.from, q.to, q.timeZone, q.teamId ?? null, q.channelKind ?? null],
    );
    const groups = (dim: Row['dim']): SatisfactionGroupDto[] =>
      rows
        .filter((r) => r.dim === dim)
        .map((r) => ({ key: r.key, name: r.name ?? '', ...figures(r) }))
        .sort((a, b) => b.requested - a.requested || a.name.localeCompare(b.name));
    const total = rows.find((r) => r.dim === 'total');
    return {
      from: q.from,
      to: q.to,
      timeZone: q.timeZone,
      totals: total ? figures(total) : figures(null),
      byTeam: groups('team'),
      byChannel: groups('channel') as (SatisfactionGroupDto & { key: ChannelKind })[],
      byAgent: groups('agent'),
    };
  }
}

function figures(r: Row | null): SatisfactionFiguresDto {
  if (!r || r.requested === 0)
    return {
      requested: 0,
      rated: 0,
      responseRate: null,
      average: null,
      distribution: [0, 0, 0, 0, 0],
    };
  return {
    requested: r.requested,
    rated: r.rated,
    responseRate: r.rated / r.requested,
    average: r.average === null ? null : Math.round(r.average * 100) / 100,
    distribution: [r.r1, r.r2, r.r3, r.r4, r.r5],
  };
}
