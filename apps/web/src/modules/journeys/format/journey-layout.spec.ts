import type { JourneyEdgeDto, JourneyPathDto } from '@touchpoint/shared';
import { FLOW, layoutFlow } from './journey-layout';

const csat = { rated: 0, average: null };
const edge = (from: string, to: string, count: number): JourneyEdgeDto => ({
  key: `edge:${from}>${to}`,
  from,
  to,
  count,
  measured: count,
  medianSeconds: 60,
  p90Seconds: 120,
});
const path = (nodes: string[], count: number): JourneyPathDto => ({
  key: `path:${nodes.join('>')}`,
  nodes,
  outcome: nodes.at(-1)!.slice('outcome:'.length) as JourneyPathDto['outcome'],
  count,
  conversationIds: [],
  csat,
});

describe('layoutFlow', () => {
  const layout = layoutFlow({
    nodes: [],
    paths: [
      path(['entry:email', 'team:a', 'outcome:one_touch'], 40),
      path(['entry:email', 'team:a', 'team:b', 'outcome:after_handoffs'], 6),
      path(['entry:form', 'team:b', 'outcome:abandoned'], 2),
      path(['entry:webchat', 'team:b', 'outcome:abandoned'], 1),
      path(['entry:api', 'team:b', 'outcome:abandoned'], 1),
    ],
    edges: [
      edge('entry:email', 'team:a', 46),
      edge('entry:form', 'team:b', 2),
      edge('entry:webchat', 'team:b', 1),
      edge('entry:api', 'team:b', 1),
      edge('team:a', 'outcome:one_touch', 40),
      edge('team:a', 'team:b', 6),
      edge('team:b', 'outcome:after_handoffs', 6),
      edge('team:b', 'outcome:abandoned', 4),
    ],
  });
  const node = (key: string) => layout.nodes.find((n) => n.key === key)!;

  it('puts entries first, a team pulled in right of the team that pulled it, outcomes last', () => {
    expect(node('entry:email').column).toBe(0);
    expect(node('team:a').column).toBe(1);
    expect(node('team:b').column).toBe(2);
    expect(node('outcome:abandoned').column).toBe(3);
    expect(node('outcome:one_touch').y).toBeLessThan(node('outcome:abandoned').y);
  });

  it('draws bars and bands as thick as their counts', () => {
    expect(node('entry:email').height).toBeGreaterThan(node('entry:form').height * 10);
    const band = (key: string) => layout.edges.find((e) => e.edge.key === key)!;
    expect(band('edge:team:a>outcome:one_touch').width).toBeGreaterThan(
      band('edge:team:a>team:b').width,
    );
    expect(band('edge:entry:api>team:b').width).toBeGreaterThanOrEqual(2);
  });

  it('keeps the labels of bands into the same column apart, and inside the picture', () => {
    const lane = layout.edges
      .filter((e) => e.edge.to === 'team:b' && e.edge.from.startsWith('entry:'))
      .map((e) => e.labelY)
      .sort((a, b) => a - b);
    expect(lane).toHaveLength(3);
    for (let i = 1; i < lane.length; i += 1)
      expect(lane[i]! - lane[i - 1]!).toBeGreaterThanOrEqual(FLOW.labelGap);
    // A band that passes a column has its label beyond that column's names.
    const long = layout.edges.find((e) => e.edge.key === 'edge:entry:form>team:b')!;
    expect(long.labelX).toBeGreaterThan(node('team:a').x + FLOW.nodeWidth + FLOW.labelWidth);
    expect(long.labelX).toBeLessThan(node('team:b').x);
    for (const e of layout.edges) {
      expect(e.labelY).toBeLessThan(layout.height);
      expect(e.labelX).toBeLessThan(layout.width);
    }
    expect(layout.width).toBe(
      FLOW.padX * 2 + 3 * FLOW.columnGap + FLOW.nodeWidth + FLOW.labelWidth + 8,
    );
  });
});
