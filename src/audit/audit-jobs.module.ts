import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OnJob } from '../queue/job-registry';
import { JOBS, QUEUES } from '../queue/queues';
import { AccessFlagsService } from './access-flags.service';
import { AuditTrailService } from './audit-trail.service';

/** The jobs of the audit trail, all recurring (scheduled in src/queue's SCHEDULES). */
@Injectable()
export class AuditJobs {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly flags: AccessFlagsService,
    private readonly dataSource: DataSource,
  ) {}

  @OnJob(JOBS.auditSeal)
  seal() {
    return this.trail.seal();
  }

  @OnJob(JOBS.auditFlags)
  flagUnusualAccess() {
    return this.flags.run();
  }

  /** The next three months' partitions exist before any event needs them; months past retention go. */
  @OnJob(JOBS.auditPartitions)
  async partition() {
    await this.dataSource.query(
      `SELECT audit_create_month(month::date) FROM generate_series(date_trunc('month', now()), date_trunc('month', now()) + interval '3 months', interval '1 month') AS month`,
    );
    return this.trail.applyRetention();
  }
}

/** The worker side of the audit trail: periodic seals, monthly partitions and retention, unusual-access flags. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.audit })],
  providers: [AuditTrailService, AccessFlagsService, AuditJobs],
})
export class AuditJobsModule {}
