import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { DiscoveryService, ModuleRef, Reflector } from '@nestjs/core';
import { Worker, type Job, type Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { JOB_HANDLER, type JobHandler, type JobHandlerTarget } from './job-handler';
import { QUEUE_CONCURRENCY, type QueueName } from './queue.constants';

/**
 * Runs one BullMQ worker per queue that has handlers and routes each job by name to its handler,
 * and keeps the recurring jobs' schedules registered. Present only in worker processes (ROLE=worker|all).
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly workers: Worker[] = [];
  private scheduled: JobHandlerTarget[] = [];
  private refreshTimer?: NodeJS.Timeout;
  private registering?: Promise<void>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly redis: RedisConnectionFactory,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const byQueue = new Map<QueueName, Map<string, JobHandler>>();
    const scheduled: JobHandlerTarget[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const target = this.reflector.get<JobHandlerTarget | undefined>(
        JOB_HANDLER,
        wrapper.metatype,
      );
      if (!target) continue;
      const handlers = byQueue.get(target.queue) ?? new Map<string, JobHandler>();
      if (handlers.has(target.name))
        throw new Error(`Two handlers for job ${target.queue}/${target.name}`);
      handlers.set(target.name, wrapper.instance as JobHandler);
      byQueue.set(target.queue, handlers);
      if (target.schedule) scheduled.push(target);
    }

    this.scheduled = scheduled;

    for (const [queue, handlers] of byQueue) {
      const connection = this.redis.create('worker');
      // A Redis that restarted may have come back empty: put the schedules back at once.
      connection.on('ready', () => void this.registerSchedules());
      const worker = new Worker(
        queue,
        async (job: Job, token?: string) => {
          const handler = handlers.get(job.name);
          if (!handler) throw new Error(`No handler for job ${queue}/${job.name}`);
          return handler.handle(job, token);
        },
        {
          connection,
          prefix: `${this.redis.prefix}:bull`,
          concurrency: QUEUE_CONCURRENCY[queue],
        },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn(
          `Job ${queue}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`,
        ),
      );
      worker.on('error', (err) => this.logger.warn(`Worker ${queue}: ${err.message}`));
      this.workers.push(worker);
      this.logger.log(`Working on queue ${queue}: ${[...handlers.keys()].join(', ')}`);
    }

    await this.registerSchedules();
    // Schedules live only in Redis, which may lose them (restart, flush) without any reconnect to
    // notice. An interval in every worker is safe here: it only re-asserts Redis state, and
    // upserting a schedule is idempotent (an existing one keeps its next run), however many run it.
    this.refreshTimer = setInterval(
      () => void this.registerSchedules(),
      this.config.queue.scheduleRefreshMs,
    );
    this.refreshTimer.unref();
  }

  /** Upserts every recurring job's schedule; one pass at a time, failures wait for the next. */
  registerSchedules(): Promise<void> {
    this.registering ??= this.upsertSchedules()
      .catch((err: Error) => this.logger.warn(`Registering job schedules failed: ${err.message}`))
      .finally(() => (this.registering = undefined));
    return this.registering;
  }

  private async upsertSchedules(): Promise<void> {
    for (const { queue, name, schedule } of this.scheduled) {
      if (!schedule) continue;
      await this.moduleRef
        .get<Queue>(getQueueToken(queue), { strict: false })
        .upsertJobScheduler(
          name,
          { every: schedule.everyMs },
          { name, ...(schedule.attempts && { opts: { attempts: schedule.attempts } }) },
        );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.refreshTimer);
    await this.registering;
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
