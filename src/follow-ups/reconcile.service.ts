import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { ReferralLifecycleService } from '../referrals/referral-lifecycle.service';
import { followUpStepJobId } from '../queue/queues';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUp } from './follow-up.entity';

const PAGE = 1000;

/**
 * The sweep that makes Redis disposable: every open follow-up gets the jobs it should have
 * (adding an existing job id is a no-op), so after Redis lost everything the next sweep
 * restores the schedule and due work runs at once. It also closes referrals whose consent
 * has expired, and delivers notifications that were never delivered.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: FollowUpScheduler,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly dispatch: NotificationDispatch,
  ) {}

  async run(): Promise<{ followUps: number; jobs: number }> {
    await this.dataSource.transaction((manager) => this.lifecycle.closeOnExpiry(manager));
    let after = '00000000-0000-0000-0000-000000000000';
    let followUps = 0;
    let jobs = 0;
    for (;;) {
      const page = await this.dataSource
        .getRepository(FollowUp)
        .createQueryBuilder('followUp')
        .where("followUp.state = 'open' AND followUp.id > :after", { after })
        .orderBy('followUp.id', 'ASC')
        .limit(PAGE)
        .getMany();
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const missing = await this.undone(page);
      followUps += page.length;
      jobs += missing.length;
      if (missing.length > 0 && !(await this.scheduler.addJobs(missing))) throw new Error('queue unavailable');
    }
    const undelivered: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM notifications WHERE delivered_at IS NULL ORDER BY created_at LIMIT 10000',
    );
    await this.dispatch.dispatch(undelivered.map((row) => row.id));
    this.logger.log({ event: 'reconcile.done', followUps, jobs, undelivered: undelivered.length }, 'reconciled');
    return { followUps, jobs };
  }

  /** The jobs of these follow-ups whose step has not been done yet. */
  private async undone(page: FollowUp[]) {
    const candidates = page.flatMap((followUp) =>
      this.scheduler.jobsFor(followUp).filter((job) => job.data.step !== 'escalate' || followUp.escalationLevel === 0),
    );
    const keys = candidates.map((job) => followUpStepJobId(job.data));
    const done: { delivery_key: string }[] = await this.dataSource.query(
      'SELECT delivery_key FROM notifications WHERE delivery_key = ANY($1)',
      [keys],
    );
    const doneKeys = new Set(done.map((row) => row.delivery_key));
    return candidates.filter((job) => !doneKeys.has(followUpStepJobId(job.data)));
  }
}
