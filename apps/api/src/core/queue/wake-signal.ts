import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { REDIS } from '../redis/redis.tokens';

type Listener = () => void;

/**
 * "There is new work in the database": a nudge from the process that stored it to the processes that
 * take it, through Redis pub/sub and directly within one process. Carries nothing; a lost nudge only
 * costs latency, because takers also look on their own every so often (PostgreSQL is the record).
 */
@Injectable()
export class WakeSignal implements OnApplicationShutdown {
  private readonly logger = new Logger('WakeSignal');
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscriber?: Redis;
  private lastWarning = 0;
  /** Topics whose Redis nudge goes out at the end of this turn of the event loop. */
  private readonly sending = new Set<string>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly factory: RedisConnectionFactory,
  ) {}

  /**
   * Wakes the takers of `topic`, here at once and in every other process with one Redis message per
   * turn of the event loop however many wakes it had (under load, one per many deliveries). Never
   * waits, never throws.
   */
  wake(topic: string): void {
    this.notify(topic);
    if (this.sending.has(topic)) return;
    this.sending.add(topic);
    setImmediate(() => {
      this.sending.delete(topic);
      this.redis.publish(this.channel(topic), '1').catch((err: Error) => {
        if (Date.now() - this.lastWarning < 10_000) return;
        this.lastWarning = Date.now();
        this.logger.warn(`Wake signal not sent (takers will look on their own): ${err.message}`);
      });
    });
  }

  /** Runs `listener` whenever `topic` is woken. */
  on(topic: string, listener: Listener): void {
    const set = this.listeners.get(topic) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(topic, set);
    if (!this.subscriber) {
      this.subscriber = this.factory.create('pubsub-sub');
      this.subscriber.on('message', (channel: string) => this.notify(channel.split(':wake:')[1]));
    }
    this.subscriber.subscribe(this.channel(topic)).catch(() => {
      // ioredis subscribes again when the connection comes back.
    });
  }

  private notify(topic: string | undefined): void {
    for (const listener of (topic && this.listeners.get(topic)) || []) listener();
  }

  private channel(topic: string): string {
    return `${this.factory.prefix}:wake:${topic}`;
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
