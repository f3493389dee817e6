/** Figures and plan checks of the scale bench, kept free of I/O so they can be tested alone. */

/** The p-th percentile (0..100) of ascending `sorted` values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A latency figure next to its baseline, as the intake bench reports its scenarios. */
export interface ScaleResult {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline: number;
  baselineUnit: string;
  target: string;
  limit: number;
}

export const ratioOf = (r: ScaleResult) => r.value / r.baseline;
export const passes = (r: ScaleResult) => r.value <= r.limit;

/** The console line, in the intake bench's format (`P1   812 msg/s  baseline …  PASS`). */
export function resultLine(r: ScaleResult): string {
  return `${r.id.padEnd(4)} ${fmt(r.value)} ${r.unit}  baseline ${fmt(r.baseline)}  ratio ${ratioOf(r).toFixed(3)}×  target ${r.target}  ${passes(r) ? 'PASS' : 'FAIL'}`;
}

/** The report's table row, as the intake bench writes it. */
export function resultRow(r: ScaleResult): string {
  return `| ${r.id} | ${r.what} | ${r.value.toFixed(1)} ${r.unit} | ${r.baseline.toFixed(1)} ${r.baselineUnit} | ${ratioOf(r).toFixed(3)}× | ${r.target} | ${passes(r) ? 'PASS' : 'FAIL'} |`;
}

/** A node of `EXPLAIN (FORMAT JSON)`, the fields the checks read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Sort Method'?: string;
  Plans?: PlanNode[];
}

/** Tables whose whole reading a request must not need. */
export const LARGE_TABLES = ['conversations', 'messages'];
/** A sort of more input rows than this (ten pages) sorts a set, not a page. */
export const SORT_ROWS_LIMIT = 500;

const rowsOf = (n: PlanNode) => (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1);

/**
 * What a plan should not do for a page: read a large table whole (Seq Scan), or sort more than a
 * page's worth of rows. Answers one line per finding, empty when the plan is clean.
 */
export function planFindings(root: PlanNode, sortLimit = SORT_ROWS_LIMIT): string[] {
  const found: string[] = [];
  const visit = (node: PlanNode) => {
    const type = node['Node Type'];
    if (type === 'Seq Scan' && LARGE_TABLES.includes(node['Relation Name'] ?? ''))
      found.push(`Seq Scan on ${node['Relation Name']} (${rowsOf(node)} rows out)`);
    if (type === 'Sort' || type === 'Incremental Sort') {
      const input = (node.Plans ?? []).reduce((n, child) => n + rowsOf(child), 0);
      if (input > sortLimit)
        found.push(
          `${type} of ${input} rows${node['Sort Method'] ? ` (${node['Sort Method']})` : ''}`,
        );
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(root);
  return found;
}

/** One captured statement: its SQL and the values bound to it. */
export interface CapturedQuery {
  text: string;
  values: unknown[];
}

/** Statements worth a plan: reads (transaction control and writes of the login are left out). */
export function explainable(q: CapturedQuery): boolean {
  const head = q.text.trimStart().slice(0, 12).toUpperCase();
  return head.startsWith('SELECT') || head.startsWith('WITH');
}

/** Repeated statements (the same text and values) once, in the order first seen. */
export function distinctQueries(queries: CapturedQuery[]): CapturedQuery[] {
  const seen = new Set<string>();
  return queries.filter((q) => {
    const key = JSON.stringify([q.text, q.values]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a figure's run showed besides its p99: how fast it was served, and one at a time. */
export interface RunShape {
  concurrency: number;
  cores: number;
  /** Requests served per second at `concurrency`. */
  throughput: number;
  /** p50 of the same request one at a time, ms. */
  serialMs: number;
}

/**
 * Why a figure missed its target, from this run's own numbers; null when it passed. Under a closed
 * loop the mean latency is the concurrency over the throughput (Little's law): when the floor
 * already misses, the target asks for more requests per second than the machine serves at all.
 */
export function missReason(r: ScaleResult, shape: RunShape): string | null {
  if (passes(r)) return null;
  const mean = (1000 * shape.concurrency) / shape.throughput;
  const queue = `${shape.concurrency} requests in flight were served at ${fmt(shape.throughput)} req/s, so each spent ${fmt(mean)} ms on average in the server (concurrency ÷ throughput); one at a time it takes ${fmt(shape.serialMs)} ms (p50)`;
  if (shape.concurrency > 1 && r.baseline > r.limit && r.limit > 0)
    return `${r.id}: the floor itself misses the target here: GET /api/me has a p99 of ${fmt(r.baseline)} ms at the same concurrency on ${shape.cores} cores. ${queue}. To meet ${r.target} at ${shape.concurrency} concurrent, the machine would have to serve about ${fmt((1000 * shape.concurrency) / r.limit)} of these requests a second.`;
  return `${r.id}: ${fmt(r.value)} ms is ${ratioOf(r).toFixed(1)}× its floor; ${queue}.`;
}
