/**
 * "Why the misses": one paragraph per missed target, made from the figures the run measured (how busy
 * the machine was meanwhile, what P1's target would take in cores, where the slowest messages waited,
 * where the server's CPU went), so a miss in docs/benchmarks.md always comes with its evidence.
 */
import type { ProfileSummary } from './profile';
import { STAGES, type Stage, type StageBreakdown } from './stages';

export interface ScenarioResult {
  id: string;
  value: number;
  unit: string;
  pass: boolean;
}

export interface RunFacts {
  cores: number;
  /** The machine's busy share (0..1) during each run that was measured. */
  busy: { flood: number; half?: number; slow?: number; drain?: number; scale?: number };
  /** Cores P1's target (0.25 × B-PG1) takes at P1's CPU per message: in all, and for the server. */
  p1Needs: { total: number; server: number; targetRate: number };
  /** True when api and worker ran as two processes. */
  split: boolean;
  profile?: ProfileSummary;
  halfStages?: StageBreakdown | null;
  slowStages?: StageBreakdown | null;
  /**
   * P8's drain rate, its live messages' end-to-end p50 (ms), and the share of one core the worker
   * and PostgreSQL used during the drain.
   */
  p8?: { rate: number; liveP50: number; workerCore: number; postgresCore: number };
}

/** At or above this share of all cores busy, the run measured the machine, not the code. */
export const SATURATED = 0.85;
/** Above this, requests queue for a core often enough to show in a p99. */
const LOADED = 0.5;
/** A process using more of one core than this is the limit of what it does. */
const BUSY_CORE = 0.7;

const STAGE_WORDS: Record<Stage, string> = {
  http: 'in HTTP and the signature check before the intake stored them',
  queued: 'waiting for a batch to take them (commit, wake, claim)',
  store: 'in the batch that stored them (contact, threading)',
  announce: 'between their row and the agent socket (commit, read, fan-out)',
};

const pct = (share: number) => `${(100 * share).toFixed(0)}%`;
const num = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** The stage the slowest 1% spent most time in, with its share of their end-to-end time. */
function tailStage(b: StageBreakdown): { stage: Stage; ms: number; share: number } {
  const [stage] = STAGES.map(([s]) => s).sort((a, c) => b.tail[c] - b.tail[a]);
  return { stage, ms: b.tail[stage], share: b.tail[stage] / b.tailE2e };
}

function busyWords(busy: number, cores: number): string {
  const verdict =
    busy >= SATURATED
      ? 'saturated: every process waited for a core'
      : busy >= LOADED
        ? 'loaded enough that work queues for a core'
        : 'with CPU to spare';
  return `the machine was ${pct(busy)} busy of ${cores} cores (${verdict})`;
}

function latencyWhy(
  r: ScenarioResult,
  busy: number | undefined,
  b: StageBreakdown | null | undefined,
  cores: number,
): string {
  const parts = [`**${r.id}** (${num(r.value)} ${r.unit}):`];
  if (busy !== undefined) parts.push(`${busyWords(busy, cores)};`);
  if (b) {
    const t = tailStage(b);
    parts.push(
      `the slowest 1% (${num(b.tailE2e)} ms on average) spent most, ${num(t.ms)} ms (${pct(t.share)}), ${STAGE_WORDS[t.stage]} (table above).`,
    );
  } else if (r.id === 'P2') {
    parts.push('the acknowledgement is the request path alone: HTTP, signature, one INSERT.');
  }
  if (busy !== undefined && busy >= LOADED)
    parts.push(
      'Meeting it takes spare cores at this rate: api and worker as separate processes on cores of their own (`--split`), PostgreSQL and the load generator elsewhere.',
    );
  else
    parts.push(
      'The machine had spare CPU, so the tail is single stalls (a slow commit, a collection pause, a scheduling delay of the shared machine), which vary from run to run; compare several runs before reading a trend.',
    );
  return parts.join(' ');
}

/** Markdown lines for the report; none when every target was met. */
export function explainMisses(results: ScenarioResult[], facts: RunFacts): string[] {
  const missed = results.filter((r) => !r.pass);
  if (missed.length === 0) return [];
  const lines = missed.map((r): string => {
    switch (r.id) {
      case 'P1': {
        const { total, server, targetRate } = facts.p1Needs;
        const kinds = facts.profile?.kinds
          .slice(0, 3)
          .map((k) => `${k.kind} ${pct(k.share)}`)
          .join(', ');
        const oneLoop = facts.split ? '' : `; its JavaScript runs on one core`;
        return [
          `**P1** (${num(r.value)} ${r.unit}): its target of ${num(targetRate)} msg/s takes ${total.toFixed(2)} cores at the CPU each process spent per message, ${server.toFixed(2)} of them for the server${oneLoop}, and this machine has ${facts.cores};`,
          `${busyWords(facts.busy.flood, facts.cores)}.`,
          kinds
            ? `Where the server's CPU went (profile below): ${kinds}.`
            : 'A full run (or `--profile`) adds where the CPU went.',
          'Meeting it takes cores of their own for the api, the workers (`--split`, P11), PostgreSQL and the load generator.',
        ].join(' ');
      }
      case 'P2':
        return latencyWhy(r, facts.busy.half, undefined, facts.cores);
      case 'P3':
        return latencyWhy(r, facts.busy.slow, facts.slowStages, facts.cores);
      case 'P3h':
        return latencyWhy(r, facts.busy.half, facts.halfStages, facts.cores);
      case 'P8': {
        const p8 = facts.p8;
        const idle = p8 && p8.workerCore < BUSY_CORE && p8.postgresCore < BUSY_CORE;
        return [
          `**P8** (${num(r.value)} ${r.unit}):`,
          facts.busy.drain !== undefined
            ? `during the drain ${busyWords(facts.busy.drain, facts.cores)};`
            : '',
          p8
            ? `the worker used ${pct(p8.workerCore)} of a core and PostgreSQL ${pct(p8.postgresCore)}.`
            : '',
          idle
            ? 'Neither was short of CPU: while live messages arrive, the backlog lane rests as long as its last batch took, so that live messages find the worker and the database free (P8l); that costs the drain up to half its rate, by design. Meeting both takes a second worker process: workers claim batches with `FOR UPDATE SKIP LOCKED`, so it drains beside the first.'
            : 'The worker drains with one event loop; workers claim batches with `FOR UPDATE SKIP LOCKED`, so a second worker process on a core of its own drains beside it.',
        ]
          .filter(Boolean)
          .join(' ');
      }
      case 'P8l': {
        const drain = facts.busy.drain;
        const p8 = facts.p8
          ? ` the worker drained ${num(facts.p8.rate)} msg/s meanwhile, and live messages took ${num(facts.p8.liveP50)} ms at p50;`
          : '';
        return [
          `**${r.id}** (${num(r.value)} ${r.unit}):`,
          drain !== undefined ? `during the drain ${busyWords(drain, facts.cores)};` : '',
          `live messages share the worker and PostgreSQL with the backlog;${p8}`,
          'the live lane takes fresh messages first, so what is left is waiting for the batch in progress and for PostgreSQL. Meeting it takes a second worker process or a core of its own for PostgreSQL.',
        ]
          .filter(Boolean)
          .join(' ');
      }
      case 'P11': {
        const busy = facts.busy.scale;
        return [
          `**P11** (${num(r.value)} ${r.unit}):`,
          busy !== undefined ? `${busyWords(busy, facts.cores)}.` : '',
          `Two api and two worker processes, PostgreSQL and the load generator shared ${facts.cores} cores, and P1 alone needed ${facts.p1Needs.total.toFixed(2)} at its target: a second process only helps with cores it can run on. Scale-out shows on a machine with a core per process.`,
        ]
          .filter(Boolean)
          .join(' ');
      }
      default:
        return `**${r.id}** (${num(r.value)} ${r.unit}): missed; see the figures above.`;
    }
  });
  return ['## Why the misses', '', ...lines.flatMap((l) => [`- ${l}`]), ''];
}
