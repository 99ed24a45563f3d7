import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '../clock/clock';
import { NotificationsModule } from '../notifications/notifications.module';
import { OnJob } from '../queue/job-registry';
import { ConsentExpiryJob, consentExpiryJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { ReferralLifecycleModule } from '../referrals/referral-lifecycle.module';
import { ReferralLifecycleService } from '../referrals/referral-lifecycle.service';
import { ConsentsRepository } from './consents.repository';

/**
 * Puts a delayed job on the queue for the moment a consent ends. Access resting on it ends at
 * that moment anyway (the share rules compare with the clock); the job closes its referrals and
 * tells their coordinators. Best effort: the worker's reconcile sweep closes whatever it missed.
 */
@Injectable()
export class ConsentExpiryScheduler {
  private readonly logger = new Logger(ConsentExpiryScheduler.name);

  constructor(
    @InjectQueue(QUEUES.consents) private readonly queue: Queue<ConsentExpiryJob>,
    private readonly clock: Clock,
  ) {}

  async schedule(consent: { id: string; validUntil: Date | null }): Promise<void> {
    if (!consent.validUntil) return;
    const data: ConsentExpiryJob = { consentId: consent.id, validUntil: consent.validUntil.toISOString() };
    const delay = Math.max(0, consent.validUntil.getTime() - this.clock.now().getTime());
    const job = this.queue.add(JOBS.consentExpiry, data, { jobId: consentExpiryJobId(data), delay });
    if (!(await withinTime(job, ENQUEUE_TIMEOUT_MS))) {
      this.logger.warn({ event: 'consent.expiry_deferred' }, 'queue unavailable; reconcile will close at expiry');
    }
  }
}

/** The job of consents: closing what rested on one at the moment it ends. */
@Injectable()
export class ConsentJobs {
  constructor(
    private readonly repository: ConsentsRepository,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: only open referrals of a consent that has lapsed by now are closed. */
  @OnJob(JOBS.consentExpiry)
  async expire(data: ConsentExpiryJob): Promise<{ closed: number }> {
    // Redis's clock and ours may differ by a little: too early, and the retry comes after the end.
    if (new Date(data.validUntil) > this.clock.now()) throw new Error('the consent has not ended yet');
    const closed = await this.repository.transaction((manager) =>
      this.lifecycle.closeOnExpiry(manager, data.consentId),
    );
    return { closed: closed.length };
  }
}

/** The worker side of consents: closing referrals at the moment their consent ends. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.consents }), ReferralLifecycleModule, NotificationsModule],
  providers: [ConsentJobs, ConsentsRepository],
})
export class ConsentJobsModule {}
