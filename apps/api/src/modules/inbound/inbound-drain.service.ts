import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { WakeSignal } from '../../core/queue/wake-signal';
import type { DeliveryUpdate, NormalizedMessage } from '../channels/channel-adapter';
import { InboundMessagesService } from '../conversations/messages/inbound-messages.service';
import type { Channel } from '../channels/channel.entity';
import { InboundIntakeService, INTAKE_WAKE } from '../intake/inbound-intake.service';
import { InboundParser } from './inbound-parser';
import {
  INBOUND_EVENT_COLUMNS,
  InboundStore,
  toInboundEvent,
  type InboundEventRow,
} from './inbound-store';

/** Fresh events one transaction takes at most. */
export const INTAKE_BATCH_SIZE = 64;
/**
 * Events younger than this are live: their own loops take them, newest arrivals first in line, so a
 * backlog (after an outage, or a flood) never stands between a customer writing now and the agent.
 * Older events are the backlog, taken oldest first by a loop of its own.
 */
export const INTAKE_LIVE_SECONDS = 2;
/** Loops one worker process runs at once per lane; a full batch starts the next, up to this many. */
const LOOPS = { live: 2, backlog: 1 } as const;
/** How often a worker looks for fresh events without being woken (a lost wake costs this much). */
export const INTAKE_LOOK_MS = 1000;

type Lane = keyof typeof LOOPS;

interface Parsed {
  id: string;
  channel: Channel;
  messages: NormalizedMessage[];
}

interface Finished {
  id: string;
  status: 'processed' | 'ignored' | 'failed';
  error: string | null;
}

/**
 * Turns fresh inbound events into messages in batches: claims up to INTAKE_BATCH_SIZE pending events
 * nobody has tried yet (`FOR UPDATE SKIP LOCKED`, so workers never wait on each other), parses them,
 * and stores every message of the batch in one transaction with its events. Woken by the intake on
 * every delivery; also looks every INTAKE_LOOK_MS, so it needs nothing from Redis. Live events and
 * the backlog run in separate lanes (INTAKE_LIVE_SECONDS): after an outage, a customer's message
 * from the backlog may therefore be stored after the newer one they sent once things were back.
 *
 * The claim counts one attempt and commits, so an event is never claimed by two batches. Anything
 * that goes wrong in a batch (a message that cannot be stored, a lost connection, a deadlock) rolls
 * it back whole and hands its events to the one-by-one job (`inbound.process`), which retries each
 * with backoff and keeps the one that keeps failing as `failed`. A worker that dies mid-batch leaves
 * its claimed events pending with one attempt: the sweeper gives them that job.
 */
@Injectable()
export class InboundDrainService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InboundDrain');
  private readonly running: Record<Lane, number> = { live: 0, backlog: 0 };
  private readonly again: Record<Lane, boolean> = { live: false, backlog: false };
  private stopped = false;
  private failing = false;
  /** When a live batch that was not full last stored something. */
  private liveAt = 0;
  private timer?: NodeJS.Timeout;
  private readonly loops = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly parser: InboundParser,
    private readonly store: InboundStore,
    private readonly messages: InboundMessagesService,
    private readonly events: DomainEvents,
    private readonly intake: InboundIntakeService,
    private readonly signal: WakeSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.signal.on(INTAKE_WAKE, () => this.wake('live'));
    this.timer = setInterval(() => {
      this.wake('live');
      this.wake('backlog');
    }, INTAKE_LOOK_MS);
    this.timer.unref();
    this.wake('live');
    this.wake('backlog');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all([...this.loops]);
  }

  /** Whether a batch is running in this process. */
  get busy(): boolean {
    return this.running.live + this.running.backlog > 0;
  }

  /** There may be events for `lane`: a batch starts unless one runs, which then looks once more. */
  wake(lane: Lane): void {
    if (this.stopped) return;
    if (this.running[lane] > 0) this.again[lane] = true;
    else this.start(lane);
  }

  private start(lane: Lane): void {
    this.running[lane]++;
    const loop = this.loop(lane).finally(() => {
      this.running[lane]--;
      this.loops.delete(loop);
    });
    this.loops.add(loop);
  }

  private async loop(lane: Lane): Promise<void> {
    try {
      while (!this.stopped) {
        this.again[lane] = false;
        const started = performance.now();
        const claimed = await this.drainOnce(lane);
        // Live batches that are not full: customers are writing and the live lanes keep up.
        if (lane === 'live' && claimed > 0 && claimed < INTAKE_BATCH_SIZE) this.liveAt = Date.now();
        // Meanwhile the backlog leaves every other moment to them: it rests as long as its last batch
        // took, so live batches find the database and this process free. In a flood it does not.
        if (lane === 'backlog' && claimed > 0 && Date.now() - this.liveAt < 1000)
          await new Promise((r) => setTimeout(r, performance.now() - started));
        if (this.failing) this.logger.log('Inbound batches run again');
        this.failing = false;
        // A full batch means more is waiting: take it with another loop as well.
        if (claimed === INTAKE_BATCH_SIZE && this.running[lane] < LOOPS[lane]) this.start(lane);
        if (claimed === 0 && !this.again[lane]) return;
      }
    } catch (err) {
      // The database is away: one line per outage; the next look tries again.
      if (!this.failing)
        this.logger.warn(`Inbound batch failed, looking again shortly: ${(err as Error).message}`);
      this.failing = true;
    }
  }

  /** Claims, parses and stores one batch of `lane`. Answers how many events it claimed. */
  async drainOnce(lane: Lane = 'live'): Promise<number> {
    const [rows]: [InboundEventRow[], number] = await this.db.query(
      `UPDATE inbound_events SET attempts = attempts + 1
       WHERE id IN (SELECT id FROM inbound_events WHERE status = 'pending' AND attempts = 0
                      AND created_at ${lane === 'live' ? '>=' : '<'} now() - make_interval(secs => $2)
                    ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${INBOUND_EVENT_COLUMNS}`,
      [INTAKE_BATCH_SIZE, INTAKE_LIVE_SECONDS],
    );
    if (rows.length === 0) return 0;
    rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1));

    const finished: Finished[] = [];
    const toStore: Parsed[] = [];
    const news: { id: string; channelId: string; updates: DeliveryUpdate[] }[] = [];
    const oneByOne: string[] = [];
    for (const row of rows) {
      const parsed = await this.parser.parse(toInboundEvent(row));
      if (parsed.outcome === 'finished')
        finished.push({ id: row.id, status: parsed.status, error: parsed.reason });
      else if (parsed.outcome === 'messages')
        toStore.push({ id: row.id, channel: parsed.channel, messages: parsed.messages });
      else if (parsed.outcome === 'delivery')
        news.push({ id: row.id, channelId: parsed.channel.id, updates: parsed.updates });
      // A passing failure goes to the job, which retries with backoff.
      else oneByOne.push(row.id);
    }
    const batch = new EventBatch();
    let stored = false;
    try {
      await this.db.transaction(async (m) => {
        await this.store.store(
          m,
          toStore.flatMap(({ channel, messages }) =>
            messages.map((message) => ({ channel, message })),
          ),
          batch,
        );
        await this.messages.recordDeliveries(
          m,
          news.flatMap(({ channelId, updates }) =>
            updates.map((update) => ({ channelId, update })),
          ),
          batch,
        );
        const done = [
          ...finished,
          ...[...toStore, ...news].map((p) => ({ id: p.id, status: 'processed', error: null })),
        ];
        await m.query(
          `UPDATE inbound_events e SET status = d.status, last_error = d.error, processed_at = now()
           FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) AS d(id, status, error)
           WHERE e.id = d.id AND e.status = 'pending'`,
          [done.map((d) => d.id), done.map((d) => d.status), done.map((d) => d.error)],
        );
        await this.events.record(m, batch);
      });
      stored = true;
    } catch (err) {
      this.logger.warn(
        `A batch of ${rows.length} inbound events goes one by one: ${(err as Error).message}`,
      );
      oneByOne.push(...[...toStore, ...news, ...finished].map((p) => p.id));
    }
    if (stored) await this.events.publish(batch);
    for (const id of oneByOne) await this.intake.enqueue(id);
    for (const f of finished)
      if (f.status === 'failed') this.logger.warn(`Inbound event ${f.id} failed: ${f.error}`);
    return rows.length;
  }
}
