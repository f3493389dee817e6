import {
  REPORT_BUCKET_MAX,
  type ReportDurationDto,
  type ReportOverviewDto,
  type ReportTeamRefDto,
} from '@touchpoint/shared';
import { csvText, type CsvCell as Cell } from '../../../lib/csv';

/** The last bucket holds everything from REPORT_BUCKET_MAX up. */
const bucket = (n: number) => (n >= REPORT_BUCKET_MAX ? `${n}+` : String(n));
const team = (t: ReportTeamRefDto | null) => t?.name ?? '(none)';
const pair = (from: ReportTeamRefDto | null, to: ReportTeamRefDto | null) =>
  `${team(from)} > ${team(to)}`;

function durationRows(section: string, item: string, d: ReportDurationDto): Cell[][] {
  return [
    [section, item, 'count', d.count],
    [section, item, 'median_seconds', d.medianSeconds],
    [section, item, 'p90_seconds', d.p90Seconds],
  ];
}

/**
 * The report's figures as CSV, one figure per line (section, item, measure, value), so a
 * spreadsheet can pivot them; the same numbers the page shows. Lines end in CRLF, as RFC 4180 says.
 */
export function reportCsv(r: ReportOverviewDto): string {
  const rows: Cell[][] = [
    ['section', 'item', 'measure', 'value'],
    ['range', 'from', 'date', r.from],
    ['range', 'to', 'date', r.to],
    ['range', 'time_zone', 'name', r.timeZone],
    ...Object.entries(r.totals).map(([key, value]): Cell[] => [
      'totals',
      key,
      'conversations',
      value,
    ]),
    ...r.volume.map((v): Cell[] => [
      'volume',
      `${v.channelKind ?? '(none)'} ${String(v.hour).padStart(2, '0')}:00`,
      'conversations',
      v.conversations,
    ]),
    ...r.days.flatMap((d): Cell[][] => [
      ['days', d.date, 'opened', d.opened],
      ['days', d.date, 'resolved', d.resolved],
      ['days', d.date, 'backlog', d.backlog],
    ]),
    ...durationRows('first_response', 'all', r.firstResponse),
    ...durationRows('resolution', 'all', r.resolution),
    ...r.consults.flatMap((c): Cell[][] => [
      ['consults', pair(c.fromTeam, c.toTeam), 'asked', c.asked],
      ...durationRows('consult_accept', pair(c.fromTeam, c.toTeam), c.accept),
      ...durationRows('consult_answer', pair(c.fromTeam, c.toTeam), c.answer),
    ]),
    ...r.bounces.map((b): Cell[] => [
      'bounces',
      bucket(b.changes),
      'conversations',
      b.conversations,
    ]),
    ...r.teamMoves.map((m): Cell[] => ['team_moves', pair(m.fromTeam, m.toTeam), 'moves', m.moves]),
    ...r.channelSwitches.map((s): Cell[] => [
      'channel_switches',
      bucket(s.switches),
      'conversations',
      s.conversations,
    ]),
  ];
  return csvText(rows);
}
