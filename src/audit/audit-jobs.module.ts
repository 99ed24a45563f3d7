import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { JOBS, QUEUES, WORKER_OPTIONS } from '../queue/queues';
import { AccessFlagsService } from './access-flags.service';
import { AuditTrailService } from './audit-trail.service';

const DAY_MS = 24 * 3_600_000;

@Processor(QUEUES.audit, WORKER_OPTIONS)
export class AuditProcessor extends WorkerHost {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly flags: AccessFlagsService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job) {
    if (job.name === JOBS.auditSeal) return this.trail.seal();
    if (job.name === JOBS.auditFlags) return this.flags.run();
    // The next three months' partitions exist before any event needs them; months past retention go.
    if (job.name === JOBS.auditPartitions) {
      await this.dataSource.query(
        `SELECT audit_create_month(month::date) FROM generate_series(date_trunc('month', now()), date_trunc('month', now()) + interval '3 months', interval '1 month') AS month`,
      );
      return this.trail.applyRetention();
    }
    throw new Error(`no handler for ${job.name}`);
  }
}

/** Registers sealing and partition upkeep with BullMQ's job scheduler (idempotent across workers and restarts). */
@Injectable()
export class AuditSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.audit) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'audit-seal',
      { every: this.config.get('AUDIT_SEAL_EVERY_MS') },
      { name: JOBS.auditSeal },
    );
    await this.queue.upsertJobScheduler('audit-partitions', { every: DAY_MS }, { name: JOBS.auditPartitions });
    await this.queue.upsertJobScheduler(
      'audit-flags',
      { every: this.config.get('AUDIT_FLAGS_EVERY_MS') },
      { name: JOBS.auditFlags },
    );
  }
}

/** The worker side of the audit trail: periodic seals, monthly partitions and retention, unusual-access flags. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.audit })],
  providers: [AuditTrailService, AccessFlagsService, AuditProcessor, AuditSchedule],
})
export class AuditJobsModule {}
