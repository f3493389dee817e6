/**
 * Where a message's end-to-end time goes, from the clocks the run already has: the load generator's
 * (sent, acknowledged, on the agent socket) and PostgreSQL's (when the intake stored the delivery,
 * when the batch that took it began, when the message row was written). Both read the machine's
 * clock, so the differences are the stages; no instrumentation runs in the server.
 */

/** One message of a paced run, as the load generator saw it (epoch ms). */
export interface SentSample {
  providerMessageId: string;
  sentAt: number;
  ackMs: number;
  e2eMs: number;
}

/** The same message as PostgreSQL recorded it (epoch ms). */
export interface StoredTimes {
  providerMessageId: string;
  /** `inbound_events.created_at`: the start of the intake's INSERT transaction. */
  receivedAt: number;
  /** `inbound_events.processed_at`: the start of the transaction of the batch that stored it. */
  batchStartedAt: number;
  /** `messages.created_at`: the row's insert in that batch (clock_timestamp). */
  storedAt: number;
}

export const STAGES = [
  ['http', 'webhook received until its INSERT began (HTTP, signature)'],
  ['queued', 'INSERT began until its batch began (commit, wake, wait, claim)'],
  ['store', 'batch began until the message row was written (contact, thread)'],
  ['announce', 'row written until on the agent socket (commit, read, fan-out)'],
] as const;
export type Stage = (typeof STAGES)[number][0];

export interface StageBreakdown {
  messages: number;
  e2e: { p50: number; p99: number };
  /** p50 and p99 of each stage over all messages. */
  stages: Record<Stage, { p50: number; p99: number }>;
  /** The mean of each stage over the slowest 1% of messages (at least one): what the tail waits on. */
  tail: Record<Stage, number>;
  tailE2e: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const up = (values: number[]) => [...values].sort((a, b) => a - b);

/** Null when no message could be matched with its rows. */
export function breakdown(samples: SentSample[], stored: StoredTimes[]): StageBreakdown | null {
  const rows = new Map(stored.map((s) => [s.providerMessageId, s]));
  const matched = samples.flatMap((s) => {
    const r = rows.get(s.providerMessageId);
    if (!r) return [];
    const arrivedAt = s.sentAt + s.e2eMs;
    const stages: Record<Stage, number> = {
      http: r.receivedAt - s.sentAt,
      queued: r.batchStartedAt - r.receivedAt,
      store: r.storedAt - r.batchStartedAt,
      announce: arrivedAt - r.storedAt,
    };
    return [{ e2e: s.e2eMs, stages }];
  });
  if (matched.length === 0) return null;
  const byE2e = [...matched].sort((a, b) => a.e2e - b.e2e);
  const tail = byE2e.slice(-Math.max(1, Math.ceil(matched.length / 100)));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const e2e = up(matched.map((m) => m.e2e));
  const stageStats = {} as StageBreakdown['stages'];
  const tailMeans = {} as StageBreakdown['tail'];
  for (const [stage] of STAGES) {
    const values = up(matched.map((m) => m.stages[stage]));
    stageStats[stage] = { p50: pct(values, 50), p99: pct(values, 99) };
    tailMeans[stage] = mean(tail.map((m) => m.stages[stage]));
  }
  return {
    messages: matched.length,
    e2e: { p50: pct(e2e, 50), p99: pct(e2e, 99) },
    stages: stageStats,
    tail: tailMeans,
    tailE2e: mean(tail.map((m) => m.e2e)),
  };
}

const ms = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A markdown table per run: stage, p50, p99, and the slowest 1%'s mean; `cpu` says how busy. */
export function breakdownTable(
  label: string,
  b: StageBreakdown,
  rawP99: number,
  cpu: string,
): string[] {
  return [
    `${label}: ${b.messages} messages, end to end p50 ${ms(b.e2e.p50)} ms, p99 ${ms(b.e2e.p99)} ms; one raw INSERT's p99 in this run ${ms(rawP99)} ms. ${cpu}.`,
    '',
    '| stage | p50 | p99 | slowest 1% (mean) |',
    '|---|---|---|---|',
    ...STAGES.map(
      ([stage, words]) =>
        `| ${words} | ${ms(b.stages[stage].p50)} ms | ${ms(b.stages[stage].p99)} ms | ${ms(b.tail[stage])} ms |`,
    ),
    `| end to end | ${ms(b.e2e.p50)} ms | ${ms(b.e2e.p99)} ms | ${ms(b.tailE2e)} ms |`,
  ];
}

/** One console line per run: each stage's p50/p99 and where the slowest 1% spent their time. */
export function breakdownLine(label: string, b: StageBreakdown): string {
  const stages = STAGES.map(
    ([stage]) => `${stage} ${ms(b.stages[stage].p50)}/${ms(b.stages[stage].p99)}`,
  ).join(', ');
  const tail = STAGES.map(([stage]) => `${stage} ${ms(b.tail[stage])}`).join(', ');
  return `${label} stages p50/p99 ms: ${stages}; slowest 1% (${ms(b.tailE2e)} ms) spent ${tail}`;
}
