import { explainMisses, type RunFacts, type ScenarioResult } from './misses';
import type { StageBreakdown } from './stages';

const tailInQueue: StageBreakdown = {
  messages: 600,
  e2e: { p50: 20, p99: 140 },
  stages: {
    http: { p50: 1, p99: 13 },
    queued: { p50: 10, p99: 64 },
    store: { p50: 4, p99: 23 },
    announce: { p50: 7, p99: 33 },
  },
  tail: { http: 42, queued: 88, store: 37, announce: 40 },
  tailE2e: 207,
};

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({
  cores: 2,
  busy: { flood: 0.83, half: 0.75, slow: 0.09, drain: 0.46, scale: 0.99 },
  p1Needs: { total: 3.44, server: 1.87, targetRate: 1827 },
  split: false,
  profile: {
    windowMs: 12_300,
    busyShare: 0.95,
    kinds: [
      { kind: 'socket writes to PostgreSQL (system calls)', share: 0.246 },
      { kind: 'HTTP server and framework', share: 0.211 },
      { kind: 'other Node.js internals', share: 0.121 },
      { kind: 'garbage collection', share: 0.08 },
    ],
    top: [],
  },
  halfStages: tailInQueue,
  slowStages: null,
  p8: { rate: 944, liveP50: 15.4, workerCore: 0.24, postgresCore: 0.25 },
  ...over,
});

const result = (id: string, value: number, pass = false): ScenarioResult => ({
  id,
  value,
  unit: id.startsWith('P1') || id === 'P8' ? 'msg/s' : 'ms',
  pass,
});

describe('why the misses', () => {
  it('says nothing when every target was met', () => {
    expect(explainMisses([result('P1', 900, true), result('P3', 20, true)], facts())).toEqual([]);
  });

  it('explains only the missed targets, one line each', () => {
    const lines = explainMisses(
      [result('P1', 856), result('P2', 24, true), result('P3h', 143)],
      facts(),
    );
    expect(lines[0]).toBe('## Why the misses');
    const items = lines.filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^- \*\*P1\*\*/);
    expect(items[1]).toMatch(/^- \*\*P3h\*\*/);
  });

  it('gives P1 the cores its target takes against the cores there are, and where the CPU went', () => {
    const [line] = explainMisses([result('P1', 856)], facts()).filter((l) => l.startsWith('- '));
    expect(line).toContain('takes 3.44 cores');
    expect(line).toContain('1.87 of them for the server; its JavaScript runs on one core');
    expect(line).toContain('this machine has 2');
    expect(line).toContain('83% busy of 2 cores (loaded enough that work queues for a core)');
    expect(line).toContain('socket writes to PostgreSQL (system calls) 25%');
    expect(line).not.toContain('garbage collection'); // the three largest kinds only
  });

  it('names the stage the slowest messages waited in, and whether the machine was short of CPU', () => {
    const [loaded] = explainMisses([result('P3h', 143)], facts()).filter((l) => l.startsWith('- '));
    expect(loaded).toContain('75% busy');
    expect(loaded).toContain('88.0 ms (43%), waiting for a batch to take them');
    expect(loaded).toContain('spare cores at this rate');

    const [idle] = explainMisses(
      [result('P3', 38)],
      facts({ slowStages: { ...tailInQueue, tail: { ...tailInQueue.tail, announce: 120 } } }),
    ).filter((l) => l.startsWith('- '));
    expect(idle).toContain('9% busy of 2 cores (with CPU to spare)');
    expect(idle).toContain('between their row and the agent socket');
    expect(idle).toContain('single stalls');
  });

  it('calls a machine saturated from 85% busy, and says scale-out needs cores of its own', () => {
    const [line] = explainMisses([result('P11', 562)], facts()).filter((l) => l.startsWith('- '));
    expect(line).toContain('99% busy of 2 cores (saturated');
    expect(line).toContain('P1 alone needed 3.44');
  });

  it('explains the backlog and its live messages with the drain figures', () => {
    const items = explainMisses([result('P8', 700), result('P8l', 72)], facts()).filter((l) =>
      l.startsWith('- '),
    );
    expect(items[0]).toContain('the worker used 24% of a core and PostgreSQL 25%');
    expect(items[0]).toContain('Neither was short of CPU: while live messages arrive');
    expect(items[0]).toContain('second worker process');
    const [busy] = explainMisses(
      [result('P8', 700)],
      facts({ p8: { rate: 700, liveP50: 15, workerCore: 0.97, postgresCore: 0.4 } }),
    ).filter((l) => l.startsWith('- '));
    expect(busy).toContain('The worker drains with one event loop');
    expect(items[1]).toContain(
      'drained 944 msg/s meanwhile, and live messages took 15.4 ms at p50',
    );
    expect(items[1]).toContain('46% busy');
  });
});
