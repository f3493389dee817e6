import { JOURNEY_OUTCOMES, type JourneyEdgeDto, type JourneyOverviewDto } from '@touchpoint/shared';
import { nodeOutcome, nodeType } from './journey-nodes';

/** Geometry of the flow diagram, in CSS pixels. */
export const FLOW = {
  columnGap: 320,
  nodeWidth: 14,
  /** Room right of a bar for its name, count and ratings. */
  labelWidth: 150,
  padX: 16,
  padY: 16,
  /** Height of the bars of the busiest column together. */
  band: 240,
  /** A stop takes at least this much height, so its label fits. */
  slot: 64,
  gap: 14,
  /** Where a band's label sits: this far left of the column it goes to. */
  labelInset: 100,
  /** Least vertical distance between two band labels. */
  labelGap: 26,
} as const;

export interface FlowNode {
  key: string;
  column: number;
  x: number;
  y: number;
  /** Height of the bar (its count to scale). */
  height: number;
  count: number;
}

export interface FlowEdge {
  edge: JourneyEdgeDto;
  /** SVG path of the band's centre line, and its thickness. */
  d: string;
  width: number;
  /** Where the edge's label (its count and median) sits. */
  labelX: number;
  labelY: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/**
 * A layered layout, left to right: entries, the first teams, the teams pulled in (each team in the
 * column of the latest step any path reaches it, so most bands run rightwards), outcomes. Bars and bands are as thick as their
 * counts; bands leave and enter their bars stacked in the order of the bars they go to.
 */
export function layoutFlow(j: Pick<JourneyOverviewDto, 'nodes' | 'paths' | 'edges'>): FlowLayout {
  const keys = new Set<string>(j.nodes.map((n) => n.key));
  for (const e of j.edges) keys.add(e.from).add(e.to);
  for (const p of j.paths) for (const key of p.nodes) keys.add(key);

  const depth = new Map<string, number>();
  for (const p of j.paths)
    p.nodes.forEach((key, index) => {
      if (nodeType(key) === 'team') depth.set(key, Math.max(depth.get(key) ?? index, index));
    });
  const lastTeam = Math.max(1, ...[...depth.values()]);
  const column = (key: string) => {
    const type = nodeType(key);
    if (type === 'entry') return 0;
    if (type === 'outcome') return lastTeam + 1;
    return depth.get(key) ?? 1;
  };

  const sum = (edges: JourneyEdgeDto[]) => edges.reduce((total, e) => total + e.count, 0);
  const outOf = (key: string) => j.edges.filter((e) => e.from === key);
  const into = (key: string) => j.edges.filter((e) => e.to === key);
  const count = (key: string) => {
    const measured = Math.max(sum(outOf(key)), sum(into(key)));
    if (measured > 0) return measured;
    return j.paths.filter((p) => p.nodes.includes(key)).reduce((total, p) => total + p.count, 0);
  };

  const columns = new Map<number, { key: string; count: number }[]>();
  for (const key of keys) {
    const list = columns.get(column(key)) ?? [];
    list.push({ key, count: count(key) });
    columns.set(column(key), list);
  }
  const outcomeRank = (key: string) => JOURNEY_OUTCOMES.indexOf(nodeOutcome(key)!);
  for (const [index, list] of columns)
    list.sort((a, b) =>
      index === lastTeam + 1
        ? outcomeRank(a.key) - outcomeRank(b.key)
        : b.count - a.count || a.key.localeCompare(b.key),
    );
  const busiest = Math.max(
    1,
    ...[...columns.values()].map((list) => list.reduce((total, n) => total + n.count, 0)),
  );
  const scale = FLOW.band / busiest;

  const nodes = new Map<string, FlowNode>();
  let height = 0;
  for (const [index, list] of columns) {
    let y = FLOW.padY;
    for (const { key, count: n } of list) {
      const barHeight = Math.max(4, n * scale);
      nodes.set(key, {
        key,
        column: index,
        x: FLOW.padX + index * FLOW.columnGap,
        y,
        height: barHeight,
        count: n,
      });
      y += Math.max(barHeight, FLOW.slot) + FLOW.gap;
    }
    height = Math.max(height, y - FLOW.gap + FLOW.padY);
  }

  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const byY = (key: (e: JourneyEdgeDto) => string) => (a: JourneyEdgeDto, b: JourneyEdgeDto) =>
    nodes.get(key(a))!.y - nodes.get(key(b))!.y || key(a).localeCompare(key(b));
  const sourceY = new Map<JourneyEdgeDto, number>();
  for (const [key] of nodes)
    for (const e of outOf(key).sort(byY((edge) => edge.to))) {
      const offset = outOffset.get(key) ?? 0;
      sourceY.set(e, nodes.get(key)!.y + offset + (e.count * scale) / 2);
      outOffset.set(key, offset + e.count * scale);
    }
  const targetY = new Map<JourneyEdgeDto, number>();
  for (const [key] of nodes)
    for (const e of into(key).sort(byY((edge) => edge.from))) {
      const offset = inOffset.get(key) ?? 0;
      targetY.set(e, nodes.get(key)!.y + offset + (e.count * scale) / 2);
      inOffset.set(key, offset + e.count * scale);
    }

  const edges = j.edges.map((edge): FlowEdge => {
    const from = nodes.get(edge.from)!;
    const to = nodes.get(edge.to)!;
    const x1 = from.x + FLOW.nodeWidth;
    const x2 = to.x;
    const y1 = sourceY.get(edge)!;
    const y2 = targetY.get(edge)!;
    // Backwards steps (a team pulled in again from a later one) curve out and back.
    const bend = Math.max(80, (x2 - x1) / 2);
    const c1 = x1 + bend;
    const c2 = x2 - bend;
    // The label sits in the gap just before the target's column, clear of every column's names
    // (a band may pass other columns); on a backward band, just after its source.
    const at = (t: number) => {
      const [a, b, c, d] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
      return { x: a * x1 + b * c1 + c * c2 + d * x2, y: (a + b) * y1 + (c + d) * y2 };
    };
    const wanted = x2 > x1 ? x2 - FLOW.labelInset : x1 + FLOW.labelInset;
    let low = 0;
    let high = 1;
    for (let step = 0; step < 24; step += 1) {
      const mid = (low + high) / 2;
      if (at(mid).x < wanted) low = mid;
      else high = mid;
    }
    const label = x2 > x1 ? at(low) : { x: wanted, y: (y1 + y2) / 2 };
    return {
      edge,
      d: `M${x1},${y1} C${c1},${y1} ${c2},${y2} ${x2},${y2}`,
      width: Math.max(2, edge.count * scale),
      labelX: label.x,
      labelY: label.y,
    };
  });

  // Labels of bands into the same column keep apart, in the order of their bands.
  const lanes = new Map<string, FlowEdge[]>();
  for (const laid of edges) {
    const to = nodes.get(laid.edge.to)!.column;
    const lane = String(to > nodes.get(laid.edge.from)!.column ? to : `back:${laid.edge.from}`);
    lanes.set(lane, [...(lanes.get(lane) ?? []), laid]);
  }
  for (const lane of lanes.values()) {
    lane.sort((a, b) => a.labelY - b.labelY);
    lane.forEach((laid, i) => {
      if (i > 0) laid.labelY = Math.max(laid.labelY, lane[i - 1]!.labelY + FLOW.labelGap);
      height = Math.max(height, laid.labelY + FLOW.labelGap);
    });
  }

  const lastColumn = Math.max(0, ...[...nodes.values()].map((n) => n.column));
  return {
    width: FLOW.padX * 2 + lastColumn * FLOW.columnGap + FLOW.nodeWidth + FLOW.labelWidth + 8,
    height: Math.max(height, FLOW.slot + FLOW.padY * 2),
    nodes: [...nodes.values()],
    edges,
  };
}
