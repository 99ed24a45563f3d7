import { Injectable, Logger } from '@nestjs/common';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { ReferralLifecycleService } from '../referrals/referral-lifecycle.service';
import { ReferralUnseenFlagger } from '../referrals/referral-receipt';
import { followUpStepJobId } from '../queue/queues';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpForStep, FollowUpsRepository } from './follow-ups.repository';

const PAGE = 1000;
const UNDELIVERED = 10_000;

/**
 * The sweep that makes Redis disposable: every open follow-up gets the jobs it should have
 * (adding an existing job id is a no-op), so after Redis lost everything the next sweep
 * restores the schedule and due work runs at once. It also closes referrals whose consent
 * has expired, flags referrals left unseen whose job was lost, and delivers notifications that
 * were never delivered.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    private readonly repository: FollowUpsRepository,
    private readonly scheduler: FollowUpScheduler,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly dispatch: NotificationDispatch,
    private readonly unseen: ReferralUnseenFlagger,
  ) {}

  async run(): Promise<{ followUps: number; jobs: number }> {
    await this.repository.transaction((tx) => this.lifecycle.closeOnExpiry(tx));
    await this.unseen.sweep();
    let after = '00000000-0000-0000-0000-000000000000';
    let followUps = 0;
    let jobs = 0;
    for (;;) {
      const page = await this.repository.openPage(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const missing = await this.undone(page);
      followUps += page.length;
      jobs += missing.length;
      if (missing.length > 0 && !(await this.scheduler.addJobs(missing))) throw new Error('queue unavailable');
    }
    const undelivered = await this.repository.undeliveredNotifications(UNDELIVERED);
    await this.dispatch.dispatch(undelivered);
    this.logger.log({ event: 'reconcile.done', followUps, jobs, undelivered: undelivered.length }, 'reconciled');
    return { followUps, jobs };
  }

  /** The jobs of these follow-ups whose step has not been done yet. */
  private async undone(page: FollowUpForStep[]) {
    const candidates = page.flatMap((followUp) =>
      this.scheduler.jobsFor(followUp).filter((job) => job.data.step !== 'escalate' || followUp.escalationLevel === 0),
    );
    const done = await this.repository.deliveredKeys(candidates.map((job) => followUpStepJobId(job.data)));
    return candidates.filter((job) => !done.has(followUpStepJobId(job.data)));
  }
}
