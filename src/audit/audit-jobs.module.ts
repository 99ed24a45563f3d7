import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { NotificationsModule } from '../notifications/notifications.module';
import { OnJob } from '../queue/job-registry';
import { AuditExportJob, AuditVerifyJob, JOBS, QUEUES } from '../queue/queues';
import { AccessFlagsRepository } from './access-flags.repository';
import { AccessFlagsService } from './access-flags.service';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditExportQueue } from './audit-export-queue';
import { AuditExportWriter } from './audit-export-writer';
import { AuditExportsRepository } from './audit-exports.repository';
import { AuditSearchService } from './audit-search.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditVerificationsRepository } from './audit-verifications.repository';
import { AuditVerificationsService } from './audit-verifications.service';

/** The jobs of the audit trail, all recurring (scheduled in src/queue's SCHEDULES). */
@Injectable()
export class AuditJobs {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly flags: AccessFlagsService,
    private readonly verifications: AuditVerificationsService,
    private readonly exports: AuditExportWriter,
  ) {}

  @OnJob(JOBS.auditSeal)
  seal() {
    return this.trail.seal();
  }

  @OnJob(JOBS.auditFlags)
  flagUnusualAccess() {
    return this.flags.run();
  }

  /** A verification an auditor asked for: progress and verdict written to its row. */
  @OnJob(JOBS.auditVerify)
  verify(data: AuditVerifyJob, job: Job<AuditVerifyJob>) {
    return this.verifications.run(data.verificationId, job);
  }

  @OnJob(JOBS.auditVerifySweep)
  sweepVerifications() {
    return this.verifications.sweep();
  }

  /** An auditor's export: the last try marks it failed if it throws; earlier ones are retried. */
  @OnJob(JOBS.auditExport)
  async writeExport(data: AuditExportJob, job: Job<AuditExportJob>) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return { result: await this.exports.write(data.exportId, lastAttempt) };
  }

  @OnJob(JOBS.auditExportSweep)
  sweepExports() {
    return this.exports.sweep();
  }

  /** The next three months' partitions exist before any event needs them; months past retention go. */
  @OnJob(JOBS.auditPartitions)
  partition() {
    return this.trail.upkeepPartitions();
  }
}

/** The worker side of the audit trail: periodic seals, monthly partitions and retention, unusual-access flags. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.audit }), NotificationsModule],
  providers: [
    AuditTrailService,
    AccessFlagsService,
    AuditChainRepository,
    AccessFlagsRepository,
    AuditVerificationsService,
    AuditVerificationsRepository,
    AuditSearchService,
    AuditExportsRepository,
    AuditExportQueue,
    AuditExportWriter,
    AuditJobs,
  ],
})
export class AuditJobsModule {}
