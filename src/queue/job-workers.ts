import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config.service';
import { REDIS, whenRedisReady } from '../redis/redis.module';
import { JOB_HANDLER, JobHandlerEntry, JobRegistry } from './job-registry';
import { JOB_QUEUES, QueueName, QUEUES, SCHEDULES } from './queues';

/**
 * The worker's side of the queues, in one place: at start-up it finds every `@OnJob` method
 * in the worker's module tree and refuses to start unless each job in JOBS has exactly one
 * handler; then it runs one BullMQ worker per queue, each dispatching through the registry,
 * registers the schedules of SCHEDULES, and says "worker ready". At shutdown the workers finish
 * the jobs they hold before the database and Redis connections close.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const registry = JobRegistry.build(this.handlers());
    await whenRedisReady(this.redis);
    await this.redis.ping();
    // How long a worker's claim on a job lasts before another worker may take it over: a job of
    // a worker killed mid-job is retried after about this long.
    const lockMs = this.config.get('WORKER_LOCK_MS');
    for (const name of Object.values(QUEUES)) {
      const queue = this.queue(name);
      const worker = new Worker(name, (job) => registry.dispatch(name, job), {
        connection: queue.opts.connection,
        prefix: queue.opts.prefix,
        lockDuration: lockMs,
        stalledInterval: lockMs,
      });
      worker.on('error', (error) =>
        this.logger.warn({ event: 'worker.queue_error', queue: name, error: error.message }, 'queue error'),
      );
      this.workers.push(worker);
    }
    await this.schedule();
    this.logger.log({ event: 'worker.ready' }, 'worker ready');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }

  /** Every `@OnJob` method of every provider in the module tree. */
  private handlers(): JobHandlerEntry[] {
    return this.discovery.getProviders().flatMap((wrapper) => {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) return [];
      const methods = instance as Record<string, (...args: unknown[]) => unknown>;
      return this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object).flatMap((key) => {
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, methods[key]);
        if (!name) return [];
        return [{ name, owner: `${instance.constructor.name}.${key}`, handler: methods[key].bind(instance) }];
      });
    });
  }

  /** Upserts every schedule (idempotent across workers and restarts) and removes those no longer declared. */
  private async schedule(): Promise<void> {
    for (const { job, every } of SCHEDULES) {
      const ms = typeof every === 'number' ? every : this.config.get(every);
      await this.queue(JOB_QUEUES[job]).upsertJobScheduler(job, { every: ms }, { name: job });
    }
    for (const name of Object.values(QUEUES)) {
      const queue = this.queue(name);
      for (const scheduler of await queue.getJobSchedulers()) {
        const declared = SCHEDULES.some(({ job }) => job === scheduler.key && JOB_QUEUES[job] === name);
        if (!declared) await queue.removeJobScheduler(scheduler.key);
      }
    }
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

/** Imported by the worker only: the API puts jobs on the queues but never runs them. */
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })))],
  providers: [JobWorkers],
})
export class JobWorkersModule {}
