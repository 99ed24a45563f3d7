import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { FollowUpStepJob, followUpStepJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { followUpSteps } from './follow-up-steps';
import { FollowUp } from './follow-up.entity';

/**
 * Puts a follow-up's steps on the queue as delayed jobs with deterministic ids: adding
 * them again is harmless. PostgreSQL stays the truth: if Redis is unreachable the request
 * goes on, and the worker's reconcile sweep schedules what is missing once Redis is back.
 */
@Injectable()
export class FollowUpScheduler {
  private readonly logger = new Logger(FollowUpScheduler.name);

  constructor(
    @InjectQueue(QUEUES.followUps) private readonly queue: Queue<FollowUpStepJob>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  jobsFor(followUp: Pick<FollowUp, 'id' | 'version' | 'remindAt' | 'dueAt'>) {
    const now = this.clock.now().getTime();
    return followUpSteps(followUp, this.config.get('FOLLOW_UP_GRACE_WORKING_DAYS')).map(({ step, at }) => {
      const data: FollowUpStepJob = { followUpId: followUp.id, version: followUp.version, step };
      return {
        name: JOBS.followUpStep,
        data,
        opts: { jobId: followUpStepJobId(data), delay: Math.max(0, at.getTime() - now) },
      };
    });
  }

  /** Best effort, bounded in time: never makes a request wait on Redis. */
  schedule(followUps: Pick<FollowUp, 'id' | 'version' | 'remindAt' | 'dueAt'>[]): Promise<boolean> {
    return this.addJobs(followUps.flatMap((followUp) => this.jobsFor(followUp)));
  }

  async addJobs(jobs: ReturnType<FollowUpScheduler['jobsFor']>): Promise<boolean> {
    const added = await withinTime(this.queue.addBulk(jobs), ENQUEUE_TIMEOUT_MS);
    if (!added)
      this.logger.warn(
        { event: 'follow-up.schedule_deferred', jobs: jobs.length },
        'queue unavailable; reconcile will schedule',
      );
    return added;
  }

  /** Removes the pending jobs of a follow-up that is done or cancelled (they would find nothing to do anyway). */
  async unschedule(followUp: Pick<FollowUp, 'id' | 'version' | 'remindAt' | 'dueAt'>): Promise<void> {
    const ids = this.jobsFor(followUp).map((job) => followUpStepJobId(job.data));
    await withinTime(Promise.all(ids.map((jobId) => this.queue.remove(jobId))), ENQUEUE_TIMEOUT_MS);
  }
}
