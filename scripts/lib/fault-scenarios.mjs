// The fault suite's scenarios. Each gets the running installation (`ctx`), breaks something on purpose
// and returns one table row: what was checked, the counts, the recovery time, PASS or FAIL. Waits are
// polls for facts with deadlines; the only timed wait is the length of the database outage itself.
import { randomUUID } from 'node:crypto';
import { AppProcess, logMarks, logSince } from './fault-processes.mjs';
import { freePort, startRedis, until } from './fault-services.mjs';
import { AgentSocket, call, makeApiChannel, Sender, sleep, SlowReceiver } from './fault-client.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const row = (scenario, checked, counts, recovery, ok) => ({
  scenario,
  checked,
  counts,
  recovery,
  result: ok ? 'PASS' : 'FAIL',
});

/** Inbound messages of a channel stored, by provider message id: id -> count. */
async function storedCounts(ctx, channelId) {
  const { rows } = await ctx.db.query(
    `SELECT provider_message_id AS id, count(*)::int AS n FROM messages
      WHERE channel_id = $1 AND type = 'inbound' GROUP BY 1`,
    [channelId],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * Waits until every acknowledged id is stored (or `ms` pass); returns when that happened and the
 * exactly-once audit: acknowledged but missing, stored more than once.
 */
async function auditStored(ctx, channelId, ackedIds, ms) {
  let stored = new Map();
  let doneAt = null;
  try {
    await until(
      'every acknowledged message stored',
      async () => {
        stored = await storedCounts(ctx, channelId);
        return ackedIds.every((id) => stored.has(id));
      },
      ms,
      250,
    );
    doneAt = Date.now();
  } catch {
    // Reported as missing below.
  }
  const missing = ackedIds.filter((id) => !stored.has(id)).length;
  const twice = [...stored.values()].filter((n) => n > 1).length;
  return { stored, doneAt, missing, twice };
}

/** Every inbound message of the channel in the database: message id per conversation. */
async function dbMessages(ctx, channelId) {
  const { rows } = await ctx.db.query(
    `SELECT id, conversation_id FROM messages WHERE channel_id = $1 AND type = 'inbound'`,
    [channelId],
  );
  return rows;
}

/**
 * The agent socket's count against the database: live events, events caught up after a reconnect,
 * and messages the agent never heard of (found only by reading every conversation again).
 */
async function socketRow(ctx, scenario, socket, channelId) {
  const rows = await dbMessages(ctx, channelId);
  const ids = rows.map((r) => r.id);
  // A published event may still be on its way when the last row commits.
  await until('live events settled', () => ids.every((id) => socket.live.has(id)), 5000, 100).catch(
    () => {},
  );
  await Promise.all(socket.catchUps);
  const reconnectCaught = ids.filter(
    (id) => !socket.live.has(id) && socket.caughtUp.has(id),
  ).length;
  const missing = ids.filter((id) => !socket.live.has(id) && !socket.caughtUp.has(id));
  const perConversation = new Map();
  for (const r of rows)
    if (missing.includes(r.id))
      perConversation.set(r.conversation_id, (perConversation.get(r.conversation_id) ?? 0) + 1);
  const audit = new Set();
  await socket.catchUp(
    audit,
    [...perConversation.keys()].map((id) => (socket.seen.delete(id), id)),
  );
  const recoverable = missing.filter((id) => audit.has(id)).length;
  return row(
    `${scenario}: agent socket`,
    'every message.created reached the agent socket live or by the reconnect catch-up (after=seq); counted against the database',
    `db ${ids.length}, live ${ids.filter((id) => socket.live.has(id)).length}, reconnect catch-up ${reconnectCaught}, ` +
      `never announced ${missing.length} in ${perConversation.size} conversations (a full re-read finds ${recoverable}); reconnects ${socket.reconnects}`,
    '-',
    missing.length === 0,
  );
}

/** Kills `proc` -9 and starts it again, one at a time; `kills` records when. */
function killer(proc, kills) {
  let chain = Promise.resolve();
  let failure = null;
  return {
    kill() {
      chain = chain
        .then(async () => {
          await proc.kill();
          kills.push(Date.now());
          await proc.start();
        })
        // A restart that fails fails the scenario when it ends, not the whole run at once.
        .catch((err) => {
          failure ??= err;
        });
      return chain;
    },
    done: async () => {
      await chain;
      if (failure) throw failure;
    },
  };
}

const aliveUrls = (ctx) => () => {
  const urls = ctx.apis.filter((a) => a.alive).map((a) => a.url);
  return urls.length ? urls : ctx.apis.map((a) => a.url);
};

/** (1) kill -9 the worker three times during the flood. */
export async function workerKills(ctx) {
  const { messages, contacts } = ctx.numbers;
  const channel = await makeApiChannel(ctx.apis[0].url, ctx.token, 'Worker kills');
  const socket = new AgentSocket(ctx.apis[0].url, ctx.token);
  await socket.connect();
  const sender = new Sender(channel, aliveUrls(ctx));
  const kills = [];
  const k = killer(ctx.worker, kills);
  const at = [0.25, 0.5, 0.75].map((f) => Math.floor(messages * f));
  await sender.flood({
    prefix: 'wk',
    count: messages,
    contacts,
    onProgress: (sent) => {
      if (at.includes(sent)) void k.kill();
    },
  });
  await k.done();
  const acked = [...sender.acked.keys()];
  const audit = await auditStored(ctx, channel.id, acked, 180_000);
  const recovery = audit.doneAt ? seconds(audit.doneAt - kills.at(-1)) : 'never';
  const result = [
    row(
      '1 worker kill -9 x3 in flood',
      'every 2xx stored exactly once',
      `posted ${messages}, 2xx ${acked.length}, stored ${audit.stored.size}, missing ${audit.missing}, twice ${audit.twice}, kills ${kills.length}`,
      `${recovery} after last kill`,
      acked.length === messages && audit.missing === 0 && audit.twice === 0 && kills.length === 3,
    ),
    await socketRow(ctx, '1 worker kills', socket, channel.id),
  ];
  socket.close();
  return result;
}

/** (2) kill -9 one of the two api processes (twice) during the flood; the source retries on the other. */
export async function apiKills(ctx) {
  const { messages, contacts } = ctx.numbers;
  const [victim, survivor] = ctx.apis;
  const channel = await makeApiChannel(survivor.url, ctx.token, 'Api kills');
  const socket = new AgentSocket(survivor.url, ctx.token);
  await socket.connect();
  const sender = new Sender(channel, aliveUrls(ctx));
  const kills = [];
  const k = killer(victim, kills);
  const at = [1 / 3, 2 / 3].map((f) => Math.floor(messages * f));
  await sender.flood({
    prefix: 'ak',
    count: messages,
    contacts,
    onProgress: (sent) => {
      if (at.includes(sent)) void k.kill();
    },
  });
  await k.done();
  const acked = [...sender.acked.keys()];
  const audit = await auditStored(ctx, channel.id, acked, 180_000);
  const failedAnswers = sender.statuses.get(0) ?? 0;
  const result = [
    row(
      '2 api kill -9 x2 in flood',
      'every 2xx stored exactly once (the source retries unanswered posts on the other api)',
      `posted ${messages}, 2xx ${acked.length}, unanswered posts ${failedAnswers}, stored ${audit.stored.size}, missing ${audit.missing}, twice ${audit.twice}, kills ${kills.length}`,
      audit.doneAt ? `${seconds(audit.doneAt - kills.at(-1))} after last kill` : 'never',
      acked.length === messages && audit.missing === 0 && audit.twice === 0 && kills.length === 2,
    ),
    await socketRow(ctx, '2 api kills', socket, channel.id),
  ];
  socket.close();
  return result;
}

/** (3) Redis killed and restarted empty in the middle of the flood; no process is restarted. */
export async function redisLoss(ctx) {
  const { messages, contacts } = ctx.numbers;
  const channel = await makeApiChannel(ctx.apis[0].url, ctx.token, 'Redis loss');
  const sender = new Sender(channel, aliveUrls(ctx));
  const pids = [...ctx.apis, ctx.worker].map((p) => p.pid);
  let restartedAt = 0;
  let ackedBefore = [];
  let pendingAtRestart = 0;
  let outage = Promise.resolve();
  const at = Math.floor(messages / 3);
  await sender.flood({
    prefix: 'rl',
    count: messages,
    contacts,
    onProgress: (sent) => {
      if (sent !== at) return;
      outage = (async () => {
        await ctx.redis.kill();
        await ctx.redis.start();
        restartedAt = Date.now();
        ackedBefore = [...sender.acked.keys()];
        const stored = await storedCounts(ctx, channel.id);
        pendingAtRestart = ackedBefore.filter((id) => !stored.has(id)).length;
      })();
    },
  });
  await outage;
  const floodEnd = Date.now();
  const before = await auditStored(ctx, channel.id, ackedBefore, 120_000);
  const acked = [...sender.acked.keys()];
  const all = await auditStored(
    ctx,
    channel.id,
    acked,
    Math.max(5_000, 120_000 - (Date.now() - floodEnd)),
  );
  const samePids = [...ctx.apis, ctx.worker].every((p, i) => p.alive && p.pid === pids[i]);
  const recoveryMs = before.doneAt ? before.doneAt - restartedAt : Infinity;
  const allMs = all.doneAt ? all.doneAt - restartedAt : Infinity;
  return [
    row(
      '3 Redis killed, back empty',
      'all pending work done within 60 s of Redis returning, no process restarted; every 2xx stored once',
      `posted ${messages}, 2xx ${acked.length}, pending at restart ${pendingAtRestart} of ${ackedBefore.length} acked, missing ${all.missing}, twice ${all.twice}, processes restarted ${samePids ? 0 : 'yes'}`,
      `${before.doneAt ? seconds(recoveryMs) : 'never'} (all: ${all.doneAt ? seconds(allMs) : 'never'})`,
      acked.length === messages &&
        all.missing === 0 &&
        all.twice === 0 &&
        samePids &&
        recoveryMs <= 60_000 &&
        allMs <= 60_000 + (floodEnd - restartedAt),
    ),
  ];
}

/** (4) A Redis that evicts keys (allkeys-lru): api and worker refuse to start, with one clear line. */
export async function evictingRedis(ctx) {
  const lru = await startRedis(ctx.redisDir, [
    '--maxmemory',
    '64mb',
    '--maxmemory-policy',
    'allkeys-lru',
  ]);
  try {
    const outcomes = [];
    for (const role of ['api', 'worker']) {
      const proc = new AppProcess(
        `${role}-lru`,
        role,
        { ...ctx.env, REDIS_URL: lru.url, PORT: String(await freePort()) },
        ctx.logDir,
      );
      await proc.start({ ready: false });
      const exit = await Promise.race([proc.exited, sleep(60_000).then(() => null)]);
      if (!exit) await proc.kill();
      const text = proc.tail(200);
      const errLines = logSince([{ p: proc, out: proc.logSizeOf(proc.logFile), err: 0 }])
        .split('\n')
        .filter((l) => l.trim());
      outcomes.push({
        role,
        code: exit?.code ?? 'still running',
        lines: errLines.length,
        names: errLines.some((l) => l.includes('allkeys-lru') && l.includes('noeviction')),
        stack: /\n\s+at \S/.test(text),
      });
    }
    const ok = outcomes.every(
      (o) => typeof o.code === 'number' && o.code !== 0 && o.lines === 1 && o.names && !o.stack,
    );
    return [
      row(
        '4 Redis allkeys-lru',
        'api and worker exit non-zero at start with one line naming the policy and the fix',
        outcomes
          .map(
            (o) =>
              `${o.role}: exit ${o.code}, ${o.lines} error line(s), names policy ${o.names ? 'yes' : 'no'}, stack ${o.stack ? 'yes' : 'no'}`,
          )
          .join('; '),
        '-',
        ok,
      ),
    ];
  } finally {
    await lru.kill();
  }
}

/** (5) PostgreSQL stopped for 20 s during traffic: 503 + Retry-After, no false 2xx, a short log. */
export async function databaseOutage(ctx) {
  const count = Math.min(ctx.numbers.messages, 1000);
  const outageMs = ctx.numbers.outageMs;
  const channel = await makeApiChannel(ctx.apis[0].url, ctx.token, 'Database outage');
  const sender = new Sender(channel, aliveUrls(ctx));
  const probes = { api: [], health: [] };
  let marks;
  let endMarks;
  let downAt = 0;
  let upAt = 0;
  let outage = Promise.resolve();
  const outageStatuses = new Map();
  const start = Math.floor(count / 4);
  const flooding = sender.flood({
    prefix: 'db',
    count,
    contacts: ctx.numbers.contacts,
    concurrency: 8,
    onProgress: (sent) => {
      if (sent !== start) return;
      outage = (async () => {
        marks = logMarks([...ctx.apis, ctx.worker]);
        const before = new Map(sender.statuses);
        ctx.pg.stop('fast');
        downAt = Date.now();
        // Agents keep working meanwhile: their requests must be refused the same way.
        const until = downAt + outageMs;
        while (Date.now() < until) {
          const [list, health] = await Promise.all([
            call(`${ctx.apis[1].url}/api/conversations`, { token: ctx.token, timeoutMs: 10_000 }),
            call(`${ctx.apis[0].url}/api/health`, { timeoutMs: 10_000 }),
          ]);
          probes.api.push(list);
          probes.health.push(health);
          await sleep(500);
        }
        for (const [status, n] of sender.statuses)
          outageStatuses.set(status, n - (before.get(status) ?? 0));
        ctx.pg.start();
        upAt = Date.now();
        // The log of the outage and of the first seconds after it (the failures it leaves behind).
        await sleep(5000);
        endMarks = logMarks([...ctx.apis, ctx.worker]);
      })();
    },
  });
  await flooding;
  await outage;
  const acked = [...sender.acked.keys()];
  const audit = await auditStored(ctx, channel.id, acked, 150_000);
  const log = logSince(marks ?? [], endMarks);
  // What an operator reads: warnings, errors and anything not a JSON log line (request lines of the
  // traffic that succeeds after the return are not the outage's).
  const entries = log.split('\n').filter((l) => l.trim() && !/^\{"level":[123]0,/.test(l));
  const lines = entries.length;
  const stacks = entries.filter((l) => /(^|\\n)\s+at \S/.test(l)).length;
  // A job attempt that failed while the database was away is a failure of its own: one line each.
  const jobFailures = entries.filter((l) => / failed \(attempt \d+\)/.test(l)).length;
  const apiRefusals = probes.api.filter(
    (r) => r.status === 503 && r.headers.get('retry-after'),
  ).length;
  const apiOther = probes.api.length - apiRefusals;
  const healthNamesDb = probes.health.filter(
    (r) => r.status === 503 && /database/i.test(r.text),
  ).length;
  const webhook503 = outageStatuses.get(503) ?? 0;
  const refusedRequests =
    [...outageStatuses].filter(([st]) => st >= 300).reduce((a, [, n]) => a + n, 0) +
    probes.api.length +
    probes.health.length;
  const ok =
    acked.length === count &&
    audit.missing === 0 &&
    audit.twice === 0 &&
    sender.badRefusals.length === 0 &&
    apiOther === 0 &&
    healthNamesDb === probes.health.length &&
    webhook503 > 0 &&
    stacks === 0 &&
    lines <= refusedRequests + jobFailures + 20;
  return [
    row(
      `5 PostgreSQL stopped ${Math.round(outageMs / 1000)} s`,
      'no false 2xx (every 2xx stored once), refusals are 503 + Retry-After, health names the database; warn/error log of the outage: no stack trace, one line per failure (refused request or failed job attempt)',
      `posted ${count}, 2xx ${acked.length}, missing ${audit.missing}, twice ${audit.twice}; in outage: webhook 503 ${webhook503}, wrong refusals ${sender.badRefusals.length}${sender.badRefusals[0] ? ` (${sender.badRefusals[0].slice(0, 60)})` : ''}, agent 503 ${apiRefusals}/${probes.api.length}, health says database ${healthNamesDb}/${probes.health.length}; warn/error log ${lines} lines for ${refusedRequests} refused requests + ${jobFailures} failed job attempts, ${stacks} with a stack trace`,
      audit.doneAt ? `${seconds(audit.doneAt - upAt)} after restart` : 'never',
      ok,
    ),
  ];
}

/** (6) Replies through a slow, sometimes failing receiver while the worker is killed. */
export async function repliesWithKills(ctx) {
  const { replies } = ctx.numbers;
  const receiver = await new SlowReceiver().start();
  try {
    const channel = await makeApiChannel(ctx.apis[0].url, ctx.token, 'Replies', receiver.url);
    const conversations = Math.min(30, replies);
    const sender = new Sender(channel, aliveUrls(ctx));
    await sender.flood({ prefix: 'rp', count: conversations, contacts: conversations });
    const convIds = await until(
      'conversations of the customers',
      async () => {
        const { rows } = await ctx.db.query(
          `SELECT DISTINCT conversation_id AS id FROM messages WHERE channel_id = $1 AND type = 'inbound'`,
          [channel.id],
        );
        return rows.length === conversations && rows.map((r) => r.id);
      },
      60_000,
      200,
    );
    const kills = [];
    const k = killer(ctx.worker, kills);
    const thresholds = [0.2, 0.45, 0.7].map((f) => Math.floor(replies * f));
    let watching = true;
    const watcher = (async () => {
      for (const t of thresholds) {
        while (watching && receiver.kept.length < t) await sleep(20);
        if (!watching) return;
        await k.kill();
      }
    })();
    let n = 0;
    const refused = [];
    const lane = async () => {
      while (n < replies) {
        const i = n++;
        const clientMessageId = randomUUID();
        const deadline = Date.now() + 60_000;
        for (;;) {
          const urls = aliveUrls(ctx)();
          const res = await call(
            `${urls[i % urls.length]}/api/conversations/${convIds[i % convIds.length]}/messages`,
            {
              method: 'POST',
              token: ctx.token,
              body: { type: 'reply', body: `reply ${i}`, clientMessageId },
            },
          );
          if (res.status === 201 || res.status === 200) break;
          if ((res.status && res.status < 500) || Date.now() > deadline) {
            refused.push(`${res.status} ${res.text.slice(0, 80)}`);
            break;
          }
          await sleep(200);
        }
      }
    };
    const postStart = Date.now();
    await Promise.all(Array.from({ length: 6 }, lane));
    const deliveredCount = async () => {
      const { rows } = await ctx.db.query(
        `SELECT delivery_status AS s, count(*)::int AS n FROM messages
          WHERE conversation_id = ANY($1) AND type = 'outbound' GROUP BY 1`,
        [convIds],
      );
      return Object.fromEntries(rows.map((r) => [r.s, r.n]));
    };
    let statuses = {};
    let doneAt = null;
    try {
      await until(
        'every reply delivered',
        async () => {
          statuses = await deliveredCount();
          return (statuses.sent ?? 0) + (statuses.delivered ?? 0) >= replies;
        },
        240_000,
        250,
      );
      doneAt = Date.now();
    } catch {
      statuses = await deliveredCount();
    }
    watching = false;
    await watcher;
    await k.done();
    const { rows: outbound } = await ctx.db.query(
      `SELECT id FROM messages WHERE conversation_id = ANY($1) AND type = 'outbound'`,
      [convIds],
    );
    const dbIds = new Set(outbound.map((r) => r.id));
    const keys = new Set(receiver.kept.map((c) => c.key));
    const withoutKey = receiver.kept.filter((c) => !c.key).length;
    const keyMismatch = receiver.kept.filter((c) => c.key !== c.messageId).length;
    const unknown = [...keys].filter((key) => !dbIds.has(key)).length;
    const duplicates = receiver.kept.length - keys.size;
    const repeats = receiver.repeats();
    const delivered = (statuses.sent ?? 0) + (statuses.delivered ?? 0);
    const ok =
      refused.length === 0 &&
      dbIds.size === replies &&
      delivered === replies &&
      keys.size === replies &&
      withoutKey === 0 &&
      keyMismatch === 0 &&
      unknown === 0 &&
      kills.length === thresholds.length;
    return [
      row(
        '6 replies, slow failing receiver, worker kill -9 x3',
        'every reply delivered; distinct Idempotency-Key at the receiver = replies; every repeat carries its message id as key',
        `replies ${replies} in ${conversations} conversations, refused ${refused.length}${refused[0] ? ` (${refused[0]})` : ''}, delivered ${delivered} ${JSON.stringify(statuses)}; receiver: calls ${receiver.calls}, refused ${receiver.refused}, kept ${receiver.kept.length}, distinct keys ${keys.size}, repeats ${duplicates} (after a 500 ${repeats.afterError}, after a sender died waiting ${repeats.afterNoAnswer}, after a 200 it heard ${repeats.afterSuccess}), no key ${withoutKey}, key != id ${keyMismatch}; kills ${kills.length}`,
        doneAt ? `${seconds(doneAt - (kills.at(-1) ?? postStart))} after last kill` : 'never',
        ok,
      ),
    ];
  } finally {
    await receiver.stop();
  }
}

/** (7) Replay storm: each delivery posted three times with jitter, concurrently. */
export async function replayStorm(ctx) {
  const { replays } = ctx.numbers;
  const channel = await makeApiChannel(ctx.apis[0].url, ctx.token, 'Replay storm');
  const sender = new Sender(channel, aliveUrls(ctx));
  let next = 0;
  const lane = async () => {
    while (next < replays) {
      const i = next++;
      const id = `rs-${i}`;
      const contact = `rs-contact-${i % ctx.numbers.contacts}`;
      await Promise.all(
        [0, 1, 2].map(async () => {
          await sleep(Math.random() * 200);
          await sender.postOnce(id, contact);
        }),
      );
      // A delivery none of whose copies got a 2xx is sent on until one does, as a source would.
      if (!sender.acked.has(id)) await sender.deliver(id, contact);
    }
  };
  await Promise.all(Array.from({ length: 12 }, lane));
  const acked = [...sender.acked.keys()];
  const audit = await auditStored(ctx, channel.id, acked, 120_000);
  const non2xx = [...sender.statuses]
    .filter(([s]) => s < 200 || s >= 300)
    .reduce((a, [, n]) => a + n, 0);
  return [
    row(
      '7 replay storm (each delivery 3x, jitter)',
      'every delivery stored exactly once; copies answered 2xx',
      `deliveries ${replays}, posts ${sender.posts}, 2xx ${sender.posts - non2xx}, other ${non2xx}, stored ${audit.stored.size}, missing ${audit.missing}, twice ${audit.twice}`,
      audit.doneAt ? '-' : 'never',
      acked.length === replays &&
        audit.missing === 0 &&
        audit.twice === 0 &&
        audit.stored.size === replays,
    ),
  ];
}
