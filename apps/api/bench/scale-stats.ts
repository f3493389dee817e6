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
