import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.service';
import { FollowUpStepJob, JOBS, QUEUES, WORKER_OPTIONS } from '../queue/queues';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralLifecycleModule } from '../referrals/referral-lifecycle.module';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpStepRunner } from './follow-up-step-runner.service';
import { FollowUpsRepository } from './follow-ups.repository';
import { ReconcileService } from './reconcile.service';

@Processor(QUEUES.followUps, WORKER_OPTIONS)
export class FollowUpStepsProcessor extends WorkerHost {
  constructor(private readonly runner: FollowUpStepRunner) {
    super();
  }

  process(job: Job<FollowUpStepJob>) {
    return this.runner.run(job.data);
  }
}

@Processor(QUEUES.maintenance, WORKER_OPTIONS)
export class MaintenanceProcessor extends WorkerHost {
  constructor(private readonly reconcile: ReconcileService) {
    super();
  }

  process(job: Job) {
    if (job.name !== JOBS.reconcile) throw new Error(`no handler for ${job.name}`);
    return this.reconcile.run();
  }
}

/** Registers the periodic reconcile with BullMQ's job scheduler (idempotent across workers and restarts). */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'reconcile',
      { every: this.config.get('RECONCILE_EVERY_MS') },
      { name: JOBS.reconcile },
    );
  }
}

/** The worker side of follow-ups: steps, the reconcile sweep and its schedule. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.followUps }, { name: QUEUES.maintenance }),
    ReferralLifecycleModule,
    NotificationsModule,
  ],
  providers: [
    FollowUpsRepository,
    FollowUpScheduler,
    FollowUpStepRunner,
    ReconcileService,
    FollowUpStepsProcessor,
    MaintenanceProcessor,
    MaintenanceSchedule,
  ],
})
export class FollowUpJobsModule {}
