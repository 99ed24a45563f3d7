import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { OnJob } from '../queue/job-registry';
import { JOBS, QUEUES } from '../queue/queues';
import { SubjectsModule } from '../subjects/subjects.module';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** The retention job, daily (scheduled in src/queue's SCHEDULES): exactly one run per tick, SKIP LOCKED for the rest. */
@Injectable()
export class RetentionJobs {
  constructor(private readonly retention: RetentionService) {}

  @OnJob(JOBS.retentionRun)
  run() {
    return this.retention.run();
  }
}

/** The worker side of retention. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.maintenance }), SubjectsModule],
  providers: [RetentionRepository, RetentionService, RetentionJobs],
})
export class RetentionJobsModule {}
