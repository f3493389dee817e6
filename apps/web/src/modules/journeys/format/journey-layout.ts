import {
  JOURNEY_OUTCOMES,
  type JourneyCsatDto,
  type JourneyEdgeDto,
  type JourneyOverviewDto,
} from '@touchpoint/shared';
import { nodeOutcome, nodeType } from './journey-nodes';

/** Geometry of the flow diagram, in CSS pixels. */
export const FLOW = {
  nodeWidth: 14,
  /** Space between a bar and its name. */
  nodeGap: 6,
  /** Room right of a bar for its name, count and ratings. */
  labelWidth: 136,
  /** Room a band's label (its count and median) takes. */
  edgeLabelWidth: 112,
  /** Least room between a column's names and the next column's bars: a band's label fits. */
  minGap: 124,
  padX: 16,
  padY: 16,
  /** Height of the bars of the busiest column together. */
  band: 240,
  /** A stop takes at least this much height, so its label fits. */
  slot: 64,
  gap: 14,
  /** Least vertical distance between two band labels (their height and some air). */
  labelGap: 26,
  /** The width laid out for when the room is not known yet (five columns fit). */
  fallbackWidth: 1320,
} as const;

/**
 * Columns for the teams pulled in: the first and the second pulled in, where the room holds five
 * columns; else one. Later pull-ins fold into the last of them (their steps between each other are
 * not drawn; the table of journeys shows every path in full): seeing where customers leave, the
 * outcome column, matters more than a rare third team.
 */
export const PULLED_IN_COLUMNS = 2;

/** The least width that holds `columns` columns with their names and band labels. */
export const widthFor = (columns: number) =>
  2 * FLOW.padX +
  columns * (FLOW.nodeWidth + FLOW.nodeGap + FLOW.labelWidth) +
  (columns - 1) * FLOW.minGap;

/** A stop at one stage: Service as the first team and Service pulled in are two nodes. */
export interface FlowNode {
  /** Unique in the diagram: the node key for entries and outcomes, `<column>:<key>` for teams. */
  id: string;
  /** Node key (`entry:…`, `team:…`, `outcome:…`). */
  key: string;
  column: number;
  x: number;
  y: number;
  /** Height of the bar (its count to scale). */
  height: number;
  /** Conversations whose path passes this stop at this stage. */
  count: number;
  /** Their ratings (the paths' averages weighted by how many were rated). */
  csat: JourneyCsatDto;
}

/** One step between stages: a band. */
export interface FlowHop {
  /** Drill-down key `hop:<i>:<from>><to>`, `i` the position of `from` in the paths' node lists. */
  key: string;
  from: FlowNode;
  to: FlowNode;
  count: number;
  /**
   * The API's figures for the same pair of stops, at any stage: entry → team, the time to the first
   * answer; team → team, until the pulled-in team accepted; → outcome, until resolved.
   */
  edge: JourneyEdgeDto | null;
  /** Where the band passes a column between its ends (a lane of its own there): its centre. */
  passes: { column: number; y: number }[];
  /** SVG path of the band's centre line, and its thickness. */
  d: string;
  width: number;
  /** Centre of the band's label (its count and median). */
  labelX: number;
  labelY: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  /** Left edge of each column's bars. */
  columns: number[];
  nodes: FlowNode[];
  hops: FlowHop[];
}

/** Where the label of a band sits; the component draws it `FLOW.edgeLabelWidth` wide. */
export interface LabelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const hopLabelBox = (hop: Pick<FlowHop, 'labelX' | 'labelY'>): LabelBox => ({
  left: hop.labelX - FLOW.edgeLabelWidth / 2,
  right: hop.labelX + FLOW.edgeLabelWidth / 2,
  top: hop.labelY - (FLOW.labelGap - 4) / 2,
  bottom: hop.labelY + (FLOW.labelGap - 4) / 2,
});

/**
 * A layered layout by stage, left to right: entry channel, first team, first team pulled in, second
 * pulled in (later ones folded in), outcome. Counts come from the paths, so every node and band
 * counts the conversations that are at that stage. Columns spread over `width` (at least far enough
 * apart that the labels fit; the picture is then wider and scrolls). Bars and bands are as thick as
 * their counts. Entries and first teams are ordered by count, outcomes in their fixed order, the
 * pulled-in columns by where their bands come from; bands leave a bar in the order of where they go
 * and enter one in the order they come from, and pass a column in a lane of their own.
 */
export function layoutFlow(
  j: Pick<JourneyOverviewDto, 'paths' | 'edges'>,
  width: number = FLOW.fallbackWidth,
): FlowLayout {
  const pulledInColumns = widthFor(3 + PULLED_IN_COLUMNS) <= width ? PULLED_IN_COLUMNS : 1;
  const pulledIn = Math.min(
    pulledInColumns,
    Math.max(0, ...j.paths.map((p) => p.nodes.length - 3)),
  );
  const outcomeColumn = 2 + pulledIn;
  // Steps after the first team fold into the last pulled-in column; outcomes have their own.
  const stageOf = (key: string, position: number) =>
    nodeType(key) === 'outcome'
      ? outcomeColumn
      : position === 0
        ? 0
        : Math.min(position, 1 + pulledInColumns);
  const idOf = (key: string, column: number) =>
    nodeType(key) === 'team' ? `${column}:${key}` : key;

  interface Tally {
    key: string;
    column: number;
    count: number;
    rated: number;
    ratingSum: number;
  }
  const tallies = new Map<string, Tally>();
  const hopCounts = new Map<string, { from: string; to: string; count: number; edge: string }>();
  for (const p of j.paths) {
    const ids = p.nodes.map((key, position) => {
      const column = stageOf(key, position);
      const id = idOf(key, column);
      const tally = tallies.get(id) ?? { key, column, count: 0, rated: 0, ratingSum: 0 };
      tally.count += p.count;
      if (p.csat.average !== null) {
        tally.rated += p.csat.rated;
        tally.ratingSum += p.csat.average * p.csat.rated;
      }
      tallies.set(id, tally);
      return id;
    });
    for (let i = 0; i + 1 < p.nodes.length; i += 1) {
      // Steps between folded pull-ins stay within one column: not drawn.
      if (tallies.get(ids[i]!)!.column === tallies.get(ids[i + 1]!)!.column) continue;
      const key = `hop:${i}:${p.nodes[i]}>${p.nodes[i + 1]}`;
      const hop = hopCounts.get(key) ?? {
        from: ids[i]!,
        to: ids[i + 1]!,
        count: 0,
        edge: `${p.nodes[i]}>${p.nodes[i + 1]}`,
      };
      hop.count += p.count;
      hopCounts.set(key, hop);
    }
  }

  // Columns spread over the room there is, but never so close that labels collide.
  const nodeRoom = FLOW.nodeWidth + FLOW.nodeGap + FLOW.labelWidth;
  const minStep = nodeRoom + FLOW.minGap;
  const step = Math.max(minStep, (width - FLOW.padX * 2 - nodeRoom) / Math.max(1, outcomeColumn));
  const columns = Array.from({ length: outcomeColumn + 1 }, (_, c) => FLOW.padX + c * step);

  // A band that passes a column (a path without pull-in on its way to the outcome) takes a lane of
  // its own there, between that column's stops, so it never runs over a stop or its name.
  const columnOf = (id: string) => tallies.get(id)!.column;
  const passing = new Map<number, string[]>();
  for (const [key, h] of hopCounts)
    for (let c = columnOf(h.from) + 1; c < columnOf(h.to); c += 1)
      passing.set(c, [...(passing.get(c) ?? []), key]);
  const byColumn = new Map<number, Tally[]>();
  for (const tally of tallies.values())
    byColumn.set(tally.column, [...(byColumn.get(tally.column) ?? []), tally]);
  const busiest = Math.max(
    1,
    ...columns.map(
      (_, c) =>
        (byColumn.get(c) ?? []).reduce((total, n) => total + n.count, 0) +
        (passing.get(c) ?? []).reduce((total, key) => total + hopCounts.get(key)!.count, 0),
    ),
  );
  const scale = FLOW.band / busiest;
  const thickness = (count: number) => Math.max(2, count * scale);

  const nodes = new Map<string, FlowNode>();
  /** Centre of a band in the lane where it passes a column, by `<column>|<hop key>`. */
  const lanes = new Map<string, number>();
  /** Where a hop is in a column: its source's or target's centre, or its lane. */
  const place = (key: string, column: number) => {
    const h = hopCounts.get(key)!;
    const node = column === columnOf(h.from) ? h.from : column === columnOf(h.to) ? h.to : null;
    if (node === null) return lanes.get(`${column}|${key}`)!;
    const laid = nodes.get(node)!;
    return laid.y + laid.height / 2;
  };
  const outcomeRank = (key: string) => JOURNEY_OUTCOMES.indexOf(nodeOutcome(key)!);
  let height = 0;
  for (let column = 0; column <= outcomeColumn; column += 1) {
    type Item = { key: string; count: number; tally?: Tally };
    const items: Item[] = [
      ...(byColumn.get(column) ?? []).map((tally) => ({
        key: tally.key,
        count: tally.count,
        tally,
      })),
      ...(passing.get(column) ?? []).map((key) => ({ key, count: hopCounts.get(key)!.count })),
    ];
    // Entries and first teams by count, outcomes in their fixed order; the pulled-in columns (and
    // the lanes through them) in the order of where their bands come from: fewest crossings.
    const rank = new Map<Item, number>();
    for (const item of items) {
      if (column === outcomeColumn) rank.set(item, outcomeRank(item.key));
      else if (column <= 1) rank.set(item, -item.count);
      else if (!item.tally) rank.set(item, place(item.key, column - 1));
      else {
        const id = idOf(item.key, column);
        let [sum, weight] = [0, 0];
        for (const [key, h] of hopCounts)
          if (h.to === id)
            [sum, weight] = [sum + place(key, column - 1) * h.count, weight + h.count];
        rank.set(item, weight > 0 ? sum / weight : 0);
      }
    }
    items.sort(
      (a, b) => rank.get(a)! - rank.get(b)! || b.count - a.count || a.key.localeCompare(b.key),
    );
    let y = FLOW.padY;
    for (const { key, count, tally } of items) {
      if (!tally) {
        lanes.set(`${column}|${key}`, y + thickness(count) / 2);
        y += thickness(count) + FLOW.gap / 2;
        continue;
      }
      const barHeight = Math.max(4, count * scale);
      const id = idOf(key, column);
      nodes.set(id, {
        id,
        key,
        column,
        x: columns[column]!,
        y,
        height: barHeight,
        count,
        csat: {
          rated: tally.rated,
          average: tally.rated > 0 ? tally.ratingSum / tally.rated : null,
        },
      });
      y += Math.max(barHeight, FLOW.slot) + FLOW.gap;
    }
    height = Math.max(height, y - FLOW.gap + FLOW.padY);
  }

  const edges = new Map(j.edges.map((e) => [`${e.from}>${e.to}`, e]));
  const raw = [...hopCounts].map(([key, h]) => ({
    key,
    from: nodes.get(h.from)!,
    to: nodes.get(h.to)!,
    count: h.count,
    edge: edges.get(h.edge) ?? null,
  }));
  // Bands leave a bar stacked in the order of where they go next, and enter one in the order of
  // where they come from.
  const sourceY = new Map<string, number>();
  const targetY = new Map<string, number>();
  const stack = (end: 'from' | 'to', into: Map<string, number>) => {
    const offsets = new Map<string, number>();
    const beside = (hop: (typeof raw)[number]) =>
      place(hop.key, end === 'from' ? hop.from.column + 1 : hop.to.column - 1);
    for (const hop of [...raw].sort((a, b) => beside(a) - beside(b) || b.count - a.count)) {
      const node = hop[end];
      const offset = offsets.get(node.id) ?? 0;
      into.set(hop.key, node.y + offset + (hop.count * scale) / 2);
      offsets.set(node.id, offset + hop.count * scale);
    }
  };
  stack('from', sourceY);
  stack('to', targetY);

  const curve = (x1: number, y1: number, x2: number, y2: number) => {
    const bend = (x2 - x1) / 2;
    return { x1, y1, c1: x1 + bend, c2: x2 - bend, x2, y2 };
  };
  const hops = raw.map((hop): FlowHop => {
    // Through its lanes: a curve into each, straight across the column, a curve out.
    const points = [{ x: hop.from.x + FLOW.nodeWidth, y: sourceY.get(hop.key)! }];
    for (let c = hop.from.column + 1; c < hop.to.column; c += 1) {
      const y = lanes.get(`${c}|${hop.key}`)!;
      points.push({ x: columns[c]!, y }, { x: columns[c]! + FLOW.nodeWidth, y });
    }
    points.push({ x: hop.to.x, y: targetY.get(hop.key)! });
    const segments: string[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) {
      const s = curve(points[i]!.x, points[i]!.y, points[i + 1]!.x, points[i + 1]!.y);
      segments.push(
        `${i === 0 ? 'M' : 'L'}${s.x1},${s.y1} C${s.c1},${s.y1} ${s.c2},${s.y2} ${s.x2},${s.y2}`,
      );
    }
    // The label sits at the band's start, in the free gap right of its source's names: no stop's
    // name is there, and every label there shares one x (kept apart below).
    const wanted = hop.from.x + nodeRoom + (step - nodeRoom) / 2;
    const first = curve(points[0]!.x, points[0]!.y, points[1]!.x, points[1]!.y);
    const at = (t: number) => {
      const [a, b, c, d] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
      return {
        x: a * first.x1 + b * first.c1 + c * first.c2 + d * first.x2,
        y: (a + b) * first.y1 + (c + d) * first.y2,
      };
    };
    let [low, high] = [0, 1];
    for (let i = 0; i < 24; i += 1) {
      const mid = (low + high) / 2;
      if (at(mid).x < wanted) low = mid;
      else high = mid;
    }
    return {
      ...hop,
      passes: points
        .filter((_, i) => i % 2 === 1 && i + 1 < points.length)
        .map((point) => ({ column: columns.indexOf(point.x), y: point.y })),
      d: segments.join(' '),
      width: thickness(hop.count),
      labelX: wanted,
      labelY: at(low).y,
    };
  });

  // Labels in one gap (they share an x) keep apart: labels that would collide form a block
  // centred on where they would sit, blocks merging until none overlap, none above the top.
  const top = FLOW.padY + FLOW.labelGap / 2;
  for (let column = 0; column < outcomeColumn; column += 1) {
    const lane = hops.filter((h) => h.from.column === column).sort((a, b) => a.labelY - b.labelY);
    const blocks: { hops: FlowHop[]; y: number }[] = [];
    for (const hop of lane) {
      blocks.push({ hops: [hop], y: Math.max(top, hop.labelY) });
      for (;;) {
        const [before, last] = blocks.slice(-2);
        if (!before || !last || before.y + before.hops.length * FLOW.labelGap <= last.y) break;
        const merged = [...before.hops, ...last.hops];
        const mean = merged.reduce((total, h) => total + h.labelY, 0) / merged.length;
        blocks.splice(-2, 2, {
          hops: merged,
          y: Math.max(top, mean - ((merged.length - 1) * FLOW.labelGap) / 2),
        });
      }
    }
    for (const block of blocks)
      block.hops.forEach((hop, i) => {
        hop.labelY = block.y + i * FLOW.labelGap;
        height = Math.max(height, hop.labelY + FLOW.labelGap);
      });
  }

  return {
    width: Math.round(columns[outcomeColumn]! + nodeRoom + FLOW.padX),
    height: Math.max(height, FLOW.slot + FLOW.padY * 2),
    columns,
    nodes: [...nodes.values()],
    // In reading order, as the keyboard goes: column by column, top to bottom.
    hops: hops.sort((a, b) => a.from.column - b.from.column || a.labelY - b.labelY),
  };
}
