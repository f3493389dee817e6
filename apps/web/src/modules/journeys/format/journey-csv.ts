import type { JourneyOverviewDto } from '@touchpoint/shared';
import { csvText } from '../../../lib/csv';
import { indexNodes, nodeName } from './journey-nodes';

/** The journeys taken (one line per path, most taken first) with their outcome and ratings. */
export function journeyPathsCsv(j: JourneyOverviewDto): string {
  const nodes = indexNodes(j.nodes);
  return csvText([
    ['path', 'outcome', 'conversations', 'csat_rated', 'csat_average'],
    ...j.paths.map((p) => [
      p.nodes.map((key) => nodeName(key, nodes)).join(' > '),
      p.outcome,
      p.count,
      p.csat.rated,
      p.csat.average,
    ]),
  ]);
}

/** The steps of the diagram: how many took each and how long it took (seconds). */
export function journeyStepsCsv(j: JourneyOverviewDto): string {
  const nodes = indexNodes(j.nodes);
  return csvText([
    ['from', 'to', 'conversations', 'measured', 'median_seconds', 'p90_seconds'],
    ...j.edges.map((e) => [
      nodeName(e.from, nodes),
      nodeName(e.to, nodes),
      e.count,
      e.measured,
      e.medianSeconds,
      e.p90Seconds,
    ]),
  ]);
}

/** The moments that matter, worst first, as the page ranks them. */
export function journeyMomentsCsv(j: JourneyOverviewDto): string {
  const nodes = indexNodes(j.nodes);
  return csvText([
    [
      'rank',
      'kind',
      'from',
      'to',
      'conversations',
      'answered',
      'unanswered_share',
      'median_seconds',
      'p90_seconds',
    ],
    ...j.moments.map((m, index) => [
      index + 1,
      m.kind,
      nodeName(m.from, nodes),
      nodeName(m.to, nodes),
      m.count,
      m.answered,
      Math.round(m.unansweredShare * 1000) / 1000,
      m.medianSeconds,
      m.p90Seconds,
    ]),
  ]);
}
