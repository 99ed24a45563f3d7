import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { OnJob } from '../queue/job-registry';
import { JOBS, QUEUES } from '../queue/queues';
import { AccessFlagsRepository } from './access-flags.repository';
import { AccessFlagsService } from './access-flags.service';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditTrailService } from './audit-trail.service';

/** The jobs of the audit trail, all recurring (scheduled in src/queue's SCHEDULES). */
@Injectable()
export class AuditJobs {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly flags: AccessFlagsService,
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
  partition() {
    return this.trail.upkeepPartitions();
  }
}

/** The worker side of the audit trail: periodic seals, monthly partitions and retention, unusual-access flags. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.audit })],
  providers: [AuditTrailService, AccessFlagsService, AuditChainRepository, AccessFlagsRepository, AuditJobs],
})
export class AuditJobsModule {}
