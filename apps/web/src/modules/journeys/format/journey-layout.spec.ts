import type { JourneyCsatDto, JourneyEdgeDto, JourneyPathDto } from '@touchpoint/shared';
import {
  FLOW,
  widthFor,
  hopLabelBox,
  layoutFlow,
  type FlowLayout,
  type LabelBox,
} from './journey-layout';

const none: JourneyCsatDto = { rated: 0, average: null };
const [M, S, L, X] = ['team:marketing', 'team:service', 'team:sales', 'team:legal'];
const edge = (from: string, to: string, medianSeconds: number | null): JourneyEdgeDto => ({
  key: `edge:${from}>${to}`,
  from,
  to,
  count: 0,
  measured: 0,
  medianSeconds,
  p90Seconds: null,
});
const path = (nodes: string[], count: number, csat = none): JourneyPathDto => ({
  key: `path:${nodes.join('>')}`,
  nodes,
  outcome: nodes.at(-1)!.slice('outcome:'.length) as JourneyPathDto['outcome'],
  count,
  conversationIds: [],
  csat,
});

// The demo's shape: three entries, Marketing, Service and Sales first, a few pull-ins.
const demo = {
  paths: [
    path(['entry:email', S, 'outcome:one_touch'], 40, { rated: 4, average: 5 }),
    path(['entry:webchat', S, 'outcome:resolved'], 10, { rated: 1, average: 2 }),
    path(['entry:email', S, L, 'outcome:after_handoffs'], 6),
    path(['entry:webchat', M, S, 'outcome:after_handoffs'], 5, { rated: 2, average: 3 }),
    path(['entry:email', M, 'outcome:reopened'], 4),
    path(['entry:form', L, 'outcome:abandoned'], 3),
    path(['entry:form', M, S, L, 'outcome:after_handoffs'], 2),
  ],
  edges: [
    edge('entry:email', S, 1800),
    edge(S, L, 7200),
    edge(M, S, 600),
    edge(S, 'outcome:one_touch', 3600),
    edge(L, 'outcome:abandoned', null),
  ],
};

const node = (layout: FlowLayout, id: string) => {
  const found = layout.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};
const hop = (layout: FlowLayout, key: string) => {
  const found = layout.hops.find((h) => h.key === key);
  if (!found) throw new Error(`no hop ${key}`);
  return found;
};
const overlap = (a: LabelBox, b: LabelBox) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('layoutFlow', () => {
  const layout = layoutFlow(demo, widthFor(5));

  it('lays out by stage: Service first and Service pulled in are two nodes, each with its own count', () => {
    expect(node(layout, 'entry:email').column).toBe(0);
    expect(node(layout, `1:${S}`)).toMatchObject({ column: 1, count: 40 + 10 + 6 });
    expect(node(layout, `2:${S}`)).toMatchObject({ column: 2, count: 5 + 2 });
    expect(node(layout, `1:${L}`).count).toBe(3);
    expect(node(layout, `2:${L}`).count).toBe(6);
    expect(node(layout, `3:${L}`).count).toBe(2);
    expect(node(layout, 'entry:email').count).toBe(40 + 6 + 4);
    expect(node(layout, 'outcome:after_handoffs')).toMatchObject({ column: 4, count: 6 + 5 + 2 });
    // In a column, the busiest first; outcomes in their fixed order.
    expect(node(layout, `1:${S}`).y).toBeLessThan(node(layout, `1:${M}`).y);
    expect(node(layout, `1:${M}`).y).toBeLessThan(node(layout, `1:${L}`).y);
    expect(node(layout, 'outcome:one_touch').y).toBeLessThan(node(layout, 'outcome:abandoned').y);
  });

  it('weights the ratings of a stop by how many were rated', () => {
    // (4 × 5 + 1 × 2) / 5 ratings.
    expect(node(layout, `1:${S}`).csat).toEqual({ rated: 5, average: 4.4 });
    expect(node(layout, `2:${S}`).csat).toEqual({ rated: 2, average: 3 });
    expect(node(layout, `3:${L}`).csat).toEqual({ rated: 0, average: null });
  });

  it('keys each hop by the position of its start, with the summed count and the pair’s median', () => {
    expect(hop(layout, `hop:0:entry:email>${S}`)).toMatchObject({ count: 46 });
    expect(hop(layout, `hop:0:entry:email>${S}`).edge?.medianSeconds).toBe(1800);
    expect(hop(layout, `hop:1:${M}>${S}`)).toMatchObject({ count: 7 });
    expect(hop(layout, `hop:1:${M}>${S}`).edge?.medianSeconds).toBe(600);
    expect(hop(layout, `hop:1:${S}>${L}`).count).toBe(6);
    // Service pulled in, then Sales: the same pair, its own hop one stage later.
    const later = hop(layout, `hop:2:${S}>${L}`);
    expect(later).toMatchObject({ count: 2 });
    expect([later.from.id, later.to.id]).toEqual([`2:${S}`, `3:${L}`]);
    expect(later.edge?.medianSeconds).toBe(7200);
    expect(hop(layout, `hop:3:${L}>outcome:after_handoffs`).from.id).toBe(`3:${L}`);
    expect(hop(layout, `hop:2:${L}>outcome:after_handoffs`).edge).toBeNull();
    expect(hop(layout, `hop:1:${L}>outcome:abandoned`).edge?.medianSeconds).toBeNull();
  });

  it('takes a path without pull-in from the first team straight to the outcome column', () => {
    const long = hop(layout, `hop:1:${S}>outcome:one_touch`);
    expect(long.count).toBe(40);
    expect([long.from.column, long.to.column]).toEqual([1, 4]);
    expect(long.width).toBeGreaterThan(hop(layout, `hop:1:${S}>${L}`).width * 5);
    expect(long.d.startsWith(`M${node(layout, `1:${S}`).x + FLOW.nodeWidth},`)).toBe(true);
    // It passes the pulled-in columns in lanes of its own, clear of their stops and names.
    expect(long.passes.map((p) => p.column)).toEqual([2, 3]);
    for (const h of layout.hops)
      for (const pass of h.passes)
        for (const n of layout.nodes.filter((n) => n.column === pass.column)) {
          const [top, bottom] = [pass.y - h.width / 2, pass.y + h.width / 2];
          expect(bottom <= n.y || top >= n.y + Math.max(n.height, FLOW.slot)).toBe(true);
        }
  });

  it('folds a third pull-in into the last pulled-in column, without a band inside it', () => {
    const folded = layoutFlow({
      paths: [...demo.paths, path(['entry:email', M, S, L, X, 'outcome:resolved'], 1)],
      edges: [],
    });
    expect(node(folded, `3:${L}`).count).toBe(3);
    expect(node(folded, `3:${X}`).column).toBe(3);
    expect(node(folded, 'outcome:resolved').column).toBe(4);
    expect(folded.hops.some((h) => h.key === `hop:3:${L}>${X}`)).toBe(false);
    expect(hop(folded, `hop:4:${X}>outcome:resolved`).from.id).toBe(`3:${X}`);
    expect(folded.hops.every((h) => h.to.column > h.from.column)).toBe(true);
  });

  it('keeps every band label apart from the others and from the names of the stops', () => {
    const labels = layout.hops.map(hopLabelBox);
    expect(labels).toHaveLength(16);
    const names = layout.nodes.map((n): LabelBox => ({
      left: n.x,
      right: n.x + FLOW.nodeWidth + FLOW.nodeGap + FLOW.labelWidth,
      top: n.y,
      bottom: n.y + Math.max(n.height, FLOW.slot),
    }));
    labels.forEach((a, i) => {
      labels.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false));
      names.forEach((b) => expect(overlap(a, b)).toBe(false));
      expect(a.bottom).toBeLessThanOrEqual(layout.height);
    });
    // The entry labels crowd one gap: they stay in it, one under the other.
    const entries = layout.hops.filter((h) => h.from.column === 0);
    expect(new Set(entries.map((h) => h.labelX)).size).toBe(1);
    // Each label sits on the way of its band.
    for (const h of layout.hops) {
      expect(h.labelX).toBeGreaterThan(h.from.x + FLOW.nodeWidth);
      expect(h.labelX).toBeLessThan(h.to.x);
    }
  });

  it('fits four columns in 1200 px, and grows wider (to scroll) only when the room is too narrow', () => {
    const four = { paths: demo.paths.filter((p) => p.nodes.length <= 4), edges: demo.edges };
    const wide = layoutFlow(four, 1200);
    expect(wide.columns).toHaveLength(4);
    expect(wide.width).toBeLessThanOrEqual(1200);
    expect(layoutFlow(four, 1187).width).toBeLessThanOrEqual(1187);
    expect(wide.width).toBeGreaterThan(1100);
    for (const h of wide.hops) expect(hopLabelBox(h).right).toBeLessThanOrEqual(wide.width);
    const narrow = layoutFlow(four, 600);
    expect(narrow.width).toBeGreaterThan(600);
    const step = narrow.columns[1]! - narrow.columns[0]!;
    expect(step).toBe(FLOW.nodeWidth + FLOW.nodeGap + FLOW.labelWidth + FLOW.minGap);
    expect(FLOW.minGap).toBeGreaterThanOrEqual(FLOW.edgeLabelWidth);
  });

  it('keeps the outcomes in view where five columns do not fit: one pulled-in column', () => {
    const paths = [...demo.paths, path(['entry:email', M, S, L, 'outcome:resolved'], 1)];
    const roomy = layoutFlow({ paths, edges: [] }, widthFor(5));
    expect(roomy.columns).toHaveLength(5);
    const tight = layoutFlow({ paths, edges: [] }, widthFor(5) - 1);
    expect(tight.columns).toHaveLength(4);
    expect(tight.width).toBeLessThanOrEqual(widthFor(5) - 1);
    expect(node(tight, 'outcome:resolved').column).toBe(3);
    // The second pull-in folds into the one pulled-in column; its way to the outcome is drawn.
    expect(node(tight, `2:${L}`).column).toBe(2);
    expect(hop(tight, `hop:3:${L}>outcome:resolved`).from.id).toBe(`2:${L}`);
  });
});
