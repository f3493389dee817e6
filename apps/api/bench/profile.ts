import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) read here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  /** Microseconds on the monotonic clock `process.hrtime` reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time inside the window, ms, and the share of it the process was busy. */
  windowMs: number;
  busyShare: number;
  /** Busy time by kind of work, largest first, as shares of the busy time. */
  kinds: { kind: string; share: number }[];
  /** The functions with the most time of their own, as shares of the busy time. */
  top: { name: string; share: number }[];
}

/** Kinds of work, matched in this order against a sampled frame's script (or its name for natives). */
const SOCKET_WRITE = /^\((writev|writeBuffer|writeUtf8String|writeLatin1String)\)$/;
/** Whose socket a write went to, by the first library on its stack. */
const WRITERS: [string, RegExp][] = [
  ['PostgreSQL', /node_modules\/(pg|pg-protocol)\//],
  ['Redis', /node_modules\/ioredis\//],
  ['agent websockets', /node_modules\/(ws|engine\.io|socket\.io)\//],
  ['HTTP answers', /node_modules\/(express|@nestjs\/[^/]+|on-finished)\/|^node:_http/],
];
const KINDS: [string, RegExp][] = [
  ['garbage collection', /^\(garbage collector\)$/],
  ['PostgreSQL driver and ORM', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|typeorm)\//],
  ['request logging', /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers)\//],
  [
    'Redis and socket fan-out',
    /node_modules\/(ioredis|bullmq|socket\.io[^/]*|engine\.io[^/]*|ws|notepack\.io|@socket\.io\/[^/]+|cluster-key-slot|redis-parser)\//,
  ],
  ['validation', /node_modules\/(zod|class-validator|class-transformer|validator)\//],
  [
    'HTTP server and framework',
    /node_modules\/(express|router|body-parser|raw-body|@nestjs\/[^/]+|path-to-regexp|helmet|parseurl|finalhandler|send|serve-static|qs|content-type|type-is|media-typer|mime-types|on-finished|cookie|iconv-lite|rxjs)\/|^node:_http|^node:internal\/(http|streams)/,
  ],
  ['HMAC and other crypto', /^node:internal\/crypto/],
  ['application code', /apps\/api\/src\//],
  ['other Node.js internals', /^node:|^\((program|runMicrotasks)\)$/],
];

/** Native frames by name in parentheses, as V8 writes its own ("(garbage collector)"). */
const nativeName = (name: string) => (name.startsWith('(') ? name : `(${name})`);

function kindOf(frame: { functionName: string; url: string }): string {
  const subject = frame.url || nativeName(frame.functionName);
  for (const [kind, re] of KINDS) if (re.test(subject)) return kind;
  return frame.url ? 'other libraries' : 'other native code';
}

function label(frame: { functionName: string; url: string; lineNumber: number }): string {
  if (!frame.url) return nativeName(frame.functionName);
  const lib = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url)?.[1];
  const own = /apps\/api\/src\/(.+)$/.exec(frame.url)?.[1];
  const where = lib ?? own ?? frame.url.replace(/^.*\//, '');
  return `${frame.functionName || '(anonymous)'} (${where}:${frame.lineNumber + 1})`;
}

/**
 * What a process spent its CPU on between `fromUs` and `toUs` (process.hrtime in microseconds), by
 * the self time of sampled frames: idle samples make the idle share, the rest is split by kind.
 */
export function summarizeProfile(file: string, fromUs: number, toUs: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  /** A socket write is told apart by where it went: its system calls are the same. */
  const writer = (id: number): string => {
    for (let p = parents.get(id); p !== undefined; p = parents.get(p)) {
      const url = frames.get(p)?.url ?? '';
      const found = WRITERS.find(([, re]) => re.test(url));
      if (found) return found[0];
    }
    return 'other';
  };
  const byKind = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let at = profile.startTime;
  let window = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    window += delta;
    const frame = frames.get(id);
    if (!frame || frame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    const kind = SOCKET_WRITE.test(nativeName(frame.functionName))
      ? `socket writes to ${writer(id)} (system calls)`
      : kindOf(frame);
    byKind.set(kind, (byKind.get(kind) ?? 0) + delta);
    const name = label(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  });
  const busy = Math.max(1, window - idle);
  const ranked = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => ({ key, share: us / busy }));
  return {
    windowMs: window / 1000,
    busyShare: window ? (window - idle) / window : 0,
    kinds: ranked(byKind, KINDS.length + WRITERS.length + 3).map(({ key, share }) => ({
      kind: key,
      share,
    })),
    top: ranked(byFunction, 12).map(({ key, share }) => ({ name: key, share })),
  };
}
