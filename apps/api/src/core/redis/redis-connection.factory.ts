import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/app-config';

export type RedisPurpose =
  'commands' | 'queue' | 'worker' | 'pubsub-pub' | 'pubsub-sub' | 'throttle';

/**
 * The one place that opens Redis connections. Blocking consumers (BullMQ workers, pub/sub) need
 * `maxRetriesPerRequest: null` so that a Redis restart pauses them instead of failing commands.
 */
@Injectable()
export class RedisConnectionFactory implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly opened: Redis[] = [];

  constructor(private readonly config: AppConfig) {}

  /** Prefix of every key this installation writes, e.g. `tp`. */
  get prefix(): string {
    return this.config.redis.prefix;
  }

  create(purpose: RedisPurpose, extra: RedisOptions = {}): Redis {
    // Producers ('queue') fail fast so a request never hangs on a missing Redis; consumers wait for it.
    const blocking = purpose === 'worker' || purpose === 'pubsub-sub';
    const client = new IORedis(this.config.redis.url, {
      connectionName: `touchpoint-${this.config.role}-${purpose}`,
      maxRetriesPerRequest: blocking ? null : purpose === 'queue' ? 1 : 3,
      enableReadyCheck: true,
      retryStrategy: (times) => Math.min(times * 200, 5000),
      // Commands issued in one turn of the event loop go out in one write: live events of a batch,
      // wake signals and counters cost one system call, not one each.
      enableAutoPipelining: purpose === 'pubsub-pub' || purpose === 'commands',
      ...extra,
    });
    this.watch(client, purpose);
    if (purpose === 'pubsub-pub') this.swallowPublishFailures(client);
    return client;
  }

  /**
   * One warning per outage instead of ioredis' unhandled-error stack traces, also for the copies
   * libraries make of a connection (BullMQ's blocking connections are `duplicate()`s).
   */
  private watch(client: Redis, purpose: RedisPurpose): void {
    let warned = false;
    client.on('error', (err: Error) => {
      if (!warned) this.logger.warn(`Redis connection (${purpose}) problem: ${err.message}`);
      warned = true;
    });
    client.on('ready', () => (warned = false));
    const duplicate = client.duplicate.bind(client);
    client.duplicate = (override?: Partial<RedisOptions>) => {
      const copy = duplicate(override);
      this.watch(copy, purpose);
      return copy;
    };
    this.opened.push(client);
  }

  /**
   * socket.io's Redis adapter and emitter publish without awaiting. A publish that fails (Redis away,
   * or the connection already closed during shutdown) must cost one event, not crash the process
   * with an unhandled rejection; clients catch up on reconnect.
   */
  private swallowPublishFailures(client: Redis): void {
    const publish = client.publish.bind(client) as (
      channel: string,
      message: string | Buffer,
    ) => Promise<number>;
    let lastWarning = 0;
    (client as unknown as { publish: typeof publish }).publish = (channel, message) =>
      publish(channel, message).catch((err: Error) => {
        if (Date.now() - lastWarning > 10_000) {
          lastWarning = Date.now();
          this.logger.warn(`Realtime publish dropped: ${err.message}`);
        }
        return 0;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.opened.map((c) =>
        c.status === 'end' ? undefined : c.quit().catch(() => c.disconnect()),
      ),
    );
  }
}
