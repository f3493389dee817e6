import {
  distinctQueries,
  explainable,
  missReason,
  percentile,
  planFindings,
  resultLine,
  type PlanNode,
} from './scale-stats';

describe('scale bench figures', () => {
  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBeNaN();
  });

  it('prints a figure in the intake bench line format', () => {
    const line = resultLine({
      id: 'P4a',
      what: 'list',
      value: 12.34,
      unit: 'ms',
      baseline: 1.2,
      baselineUnit: 'ms',
      target: '≤ 30 ms',
      limit: 30,
    });
    expect(line).toBe('P4a  12.3 ms  baseline 1.2  ratio 10.283×  target ≤ 30 ms  PASS');
    expect(
      resultLine({
        id: 'P9r',
        what: 'report',
        value: 2500,
        unit: 'ms',
        baseline: 5,
        baselineUnit: 'ms',
        target: '≤ 2000 ms',
        limit: 2000,
      }),
    ).toMatch(/ratio 500\.000× {2}target ≤ 2000 ms {2}FAIL$/);
  });
});

describe('plan checks', () => {
  const node = (type: string, extra: Partial<PlanNode> = {}): PlanNode => ({
    'Node Type': type,
    'Actual Rows': 1,
    'Actual Loops': 1,
    ...extra,
  });

  it('passes a page read through an index', () => {
    const plan = node('Limit', {
      Plans: [node('Index Scan', { 'Relation Name': 'conversations', 'Actual Rows': 51 })],
    });
    expect(planFindings(plan)).toEqual([]);
  });

  it('flags a sequential read of a large table, and a sort of more than a page', () => {
    const plan = node('Limit', {
      Plans: [
        node('Sort', {
          'Sort Method': 'top-N heapsort',
          Plans: [node('Seq Scan', { 'Relation Name': 'messages', 'Actual Rows': 40_000 })],
        }),
      ],
    });
    expect(planFindings(plan)).toEqual([
      'Sort of 40000 rows (top-N heapsort)',
      'Seq Scan on messages (40000 rows out)',
    ]);
  });

  it('counts every loop of a node and leaves small tables alone', () => {
    const plan = node('Sort', {
      Plans: [
        node('Nested Loop', {
          Plans: [
            node('Seq Scan', { 'Relation Name': 'teams', 'Actual Rows': 4 }),
            node('Index Scan', { 'Actual Rows': 3000, 'Actual Loops': 4 }),
          ],
          'Actual Rows': 12_000,
        }),
      ],
    });
    expect(planFindings(plan)).toEqual(['Sort of 12000 rows']);
    expect(planFindings(plan, 20_000)).toEqual([]);
  });

  it('explains reads once each', () => {
    const q = (text: string, values: unknown[] = []) => ({ text, values });
    expect(explainable(q('  SELECT 1'))).toBe(true);
    expect(explainable(q('WITH r AS (SELECT 1) SELECT * FROM r'))).toBe(true);
    expect(explainable(q('START TRANSACTION'))).toBe(false);
    expect(explainable(q('UPDATE users SET x = 1'))).toBe(false);
    expect(
      distinctQueries([q('SELECT $1', [1]), q('SELECT $1', [2]), q('SELECT $1', [1])]),
    ).toEqual([q('SELECT $1', [1]), q('SELECT $1', [2])]);
  });
});

describe('why a figure missed', () => {
  const result = (value: number, baseline: number, limit: number) => ({
    id: 'P4a',
    what: 'list',
    value,
    unit: 'ms',
    baseline,
    baselineUnit: 'ms',
    target: `≤ ${limit} ms`,
    limit,
  });
  const shape = { concurrency: 50, cores: 2, throughput: 125, serialMs: 9 };

  it('says nothing of a figure that passed', () => {
    expect(missReason(result(20, 5, 30), shape)).toBeNull();
  });

  it('names the floor when it misses the target itself, with the rate the target needs', () => {
    const text = missReason(result(500, 120, 30), shape) ?? '';
    expect(text).toContain('the floor itself misses');
    expect(text).toContain('400 ms on average'); // 50 / 125 req/s
    expect(text).toContain('about 1667 of these requests a second'); // 50 / 30 ms
  });

  it('gives the ratio to the floor when the floor meets the target', () => {
    expect(missReason(result(90, 10, 50), shape)).toMatch(/^P4a: 90\.0 ms is 9\.0× its floor/);
  });
});
