import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { OnJob } from '../queue/job-registry';
import { FollowUpStepJob, JOBS, QUEUES } from '../queue/queues';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralLifecycleModule } from '../referrals/referral-lifecycle.module';
import { ReferralReceiptJobsModule } from '../referrals/referral-receipt';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpStepRunner } from './follow-up-step-runner.service';
import { FollowUpsRepository } from './follow-ups.repository';
import { ReconcileService } from './reconcile.service';

/** The jobs of follow-ups: each step, and the reconcile sweep (scheduled in src/queue's SCHEDULES). */
@Injectable()
export class FollowUpJobs {
  constructor(
    private readonly runner: FollowUpStepRunner,
    private readonly reconcile: ReconcileService,
  ) {}

  @OnJob(JOBS.followUpStep)
  step(data: FollowUpStepJob) {
    return this.runner.run(data);
  }

  @OnJob(JOBS.reconcile)
  reconcileQueues() {
    return this.reconcile.run();
  }
}

/** The worker side of follow-ups: steps and the reconcile sweep. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.followUps }),
    ReferralLifecycleModule,
    ReferralReceiptJobsModule,
    NotificationsModule,
  ],
  providers: [FollowUpsRepository, FollowUpScheduler, FollowUpStepRunner, ReconcileService, FollowUpJobs],
})
export class FollowUpJobsModule {}
