import type {
  SatisfactionFiguresDto,
  SatisfactionGroupDto,
  SatisfactionResultsDto,
} from '@touchpoint/shared';
import { csvText, type CsvCell } from '../../../lib/csv';

function figureRows(section: string, item: string, f: SatisfactionFiguresDto): CsvCell[][] {
  return [
    [section, item, 'surveys_sent', f.requested],
    [section, item, 'rated', f.rated],
    [section, item, 'response_rate', f.responseRate],
    [section, item, 'average', f.average],
    ...f.distribution.map((count, index): CsvCell[] => [
      section,
      item,
      `rating_${index + 1}`,
      count,
    ]),
  ];
}

const groupRows = (section: string, groups: readonly SatisfactionGroupDto[]) =>
  groups.flatMap((group) => figureRows(section, group.name, group));

/**
 * The satisfaction results as CSV, one figure per line (section, item, measure, value), as the
 * reports export: totals, then each team, channel and agent with the same measures. Rates are
 * shares (0.5 is 50 %), as the API gives them.
 */
export function satisfactionCsv(r: SatisfactionResultsDto): string {
  return csvText([
    ['section', 'item', 'measure', 'value'],
    ['range', 'from', 'date', r.from],
    ['range', 'to', 'date', r.to],
    ['range', 'time_zone', 'name', r.timeZone],
    ...figureRows('totals', 'all', r.totals),
    ...groupRows('team', r.byTeam),
    ...groupRows('channel', r.byChannel),
    ...groupRows('agent', r.byAgent),
  ]);
}
