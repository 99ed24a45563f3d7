import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { OnJob } from '../queue/job-registry';
import { JOBS, QUEUES, ReferralUnseenJob, referralUnseenJobId } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { unseenFlagAt } from './referral-receipt-rules';
import { ReferralReceiptRepository } from './referral-receipt.repository';

const DAY_MS = 24 * 3_600_000;
/** The sweep's page: pending referrals left unseen are few. */
const SWEEP_PAGE = 500;

export type FlagResult = 'done' | 'already_done' | 'stale' | 'not_yet';

/**
 * Puts a delayed job on the queue, at a new referral's sending, for the moment it has waited two
 * working days; the job tells the district's coordinators if nobody of the receiving agency has
 * opened it by then. Best effort: the reconcile sweep flags whatever a lost job missed.
 */
@Injectable()
export class ReferralUnseenScheduler {
  private readonly logger = new Logger(ReferralUnseenScheduler.name);

  constructor(
    @InjectQueue(QUEUES.referrals) private readonly queue: Queue<ReferralUnseenJob>,
    private readonly repository: ReferralReceiptRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async schedule(referral: { id: string; districtId: string; createdAt: Date }): Promise<void> {
    const timeZone = (await this.repository.timeZoneOf(referral.districtId)) ?? this.config.get('WORKING_TIME_ZONE');
    const data: ReferralUnseenJob = { referralId: referral.id };
    const delay = Math.max(0, unseenFlagAt(referral.createdAt, timeZone).getTime() - this.clock.now().getTime());
    const job = this.queue.add(JOBS.referralUnseen, data, { jobId: referralUnseenJobId(data), delay });
    if (!(await withinTime(job, ENQUEUE_TIMEOUT_MS)))
      this.logger.warn({ event: 'referral.flag_deferred' }, 'queue unavailable; reconcile will flag it');
  }
}

/**
 * Flags a referral left unseen, once: the referral's row is locked and checked (still pending,
 * still unseen, not flagged, its two working days gone), each coordinator's notification is
 * inserted under a unique delivery key and the referral marked flagged in the same transaction,
 * so a job run twice, or a job and the sweep at once, tell each coordinator once.
 */
@Injectable()
export class ReferralUnseenFlagger {
  private readonly logger = new Logger(ReferralUnseenFlagger.name);

  constructor(
    private readonly repository: ReferralReceiptRepository,
    private readonly audit: AuditService,
    private readonly dispatch: NotificationDispatch,
    private readonly clock: Clock,
  ) {}

  async flag(referralId: string): Promise<FlagResult> {
    const { result, notificationIds } = await this.repository.transaction(async (tx) => {
      const nothing = (why: FlagResult) => ({ result: why, notificationIds: [] as string[] });
      const referral = await this.repository.lockCandidate(tx, referralId);
      if (!referral || referral.status !== 'pending' || referral.seenAt) return nothing('stale');
      if (referral.unseenFlaggedAt) return nothing('already_done');
      const now = this.clock.now();
      if (unseenFlagAt(referral.createdAt, referral.timeZone) > now) return nothing('not_yet');
      const recipients = await this.repository.coordinatorsOf(tx, referral.districtId);
      const key = referralUnseenJobId({ referralId });
      const ids = await this.repository.insertFlags(tx, referralId, recipients, key);
      await this.repository.markFlagged(tx, referralId, now);
      await this.audit.record(tx, {
        action: 'referral.flag_unseen',
        resourceId: referralId,
        subjectId: referral.subjectId,
        outcome: 'allowed',
        actor: SYSTEM_ACTOR,
        details: { recipients: recipients.length },
      });
      return { result: 'done' as const, notificationIds: ids };
    });
    await this.dispatch.dispatch(notificationIds);
    return result;
  }

  /** The reconcile sweep's net: every referral whose flag is due and was not raised (its job lost). */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    // Two working days are at least two days: nothing sent since then can be due.
    const candidates = await this.repository.unflagged(new Date(now.getTime() - 2 * DAY_MS), SWEEP_PAGE);
    let flagged = 0;
    for (const referral of candidates) {
      if (unseenFlagAt(referral.createdAt, referral.timeZone) > now) continue;
      if ((await this.flag(referral.id)) === 'done') flagged++;
    }
    if (flagged > 0) this.logger.log({ event: 'referral.unseen_swept', flagged }, 'unseen referrals flagged');
    return flagged;
  }
}

/** The job of receipts: the flag of a referral left unseen. */
@Injectable()
export class ReferralReceiptJobs {
  constructor(private readonly flagger: ReferralUnseenFlagger) {}

  @OnJob(JOBS.referralUnseen)
  async flagUnseen(data: ReferralUnseenJob): Promise<{ result: FlagResult }> {
    const result = await this.flagger.flag(data.referralId);
    // Redis's clock and ours may differ by a little: too early, and the retry comes after.
    if (result === 'not_yet') throw new Error('the referral’s two working days have not passed yet');
    return { result };
  }
}

/** The API side: scheduling the flag when a referral is sent. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.referrals })],
  providers: [ReferralUnseenScheduler, ReferralReceiptRepository],
  exports: [ReferralUnseenScheduler],
})
export class ReferralReceiptModule {}

/** The worker side: the flag's job, and the flagger the reconcile sweep runs as its net. */
@Module({
  imports: [NotificationsModule],
  providers: [ReferralReceiptRepository, ReferralUnseenFlagger, ReferralReceiptJobs],
  exports: [ReferralUnseenFlagger],
})
export class ReferralReceiptJobsModule {}
