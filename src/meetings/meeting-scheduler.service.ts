import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { AgendaStepJob, agendaStepJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { Meeting } from './entities/meeting.entity';

const DAY_MS = 24 * 3_600_000;

type Scheduled = Pick<Meeting, 'id' | 'startsAt' | 'agendaGeneratedAt' | 'agendaFrozenAt'>;

/**
 * Puts a meeting's agenda steps on the queue: generation AGENDA_LEAD_DAYS before the start,
 * freezing at the start. Job ids carry the start, so adding them again is harmless and a moved
 * meeting's old jobs find a different start and do nothing. PostgreSQL stays the truth: the
 * worker's sweep puts back whatever Redis lost.
 */
@Injectable()
export class MeetingScheduler {
  private readonly logger = new Logger(MeetingScheduler.name);

  constructor(
    @InjectQueue(QUEUES.meetings) private readonly queue: Queue<AgendaStepJob>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  jobsFor(meeting: Scheduled) {
    const now = this.clock.now().getTime();
    const start = meeting.startsAt.getTime();
    const steps: { step: AgendaStepJob['step']; at: number }[] = [];
    if (!meeting.agendaGeneratedAt) {
      steps.push({ step: 'generate', at: start - this.config.get('AGENDA_LEAD_DAYS') * DAY_MS });
    }
    if (!meeting.agendaFrozenAt) steps.push({ step: 'freeze', at: start });
    return steps.map(({ step, at }) => {
      const data: AgendaStepJob = { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString(), step };
      return { name: JOBS.agendaStep, data, opts: { jobId: agendaStepJobId(data), delay: Math.max(0, at - now) } };
    });
  }

  /** Best effort, bounded in time: a request never waits on Redis. */
  async schedule(meetings: Scheduled[]): Promise<boolean> {
    const jobs = meetings.flatMap((meeting) => this.jobsFor(meeting));
    if (jobs.length === 0) return true;
    const added = await withinTime(this.queue.addBulk(jobs), ENQUEUE_TIMEOUT_MS);
    if (!added) {
      this.logger.warn(
        { event: 'meeting.schedule_deferred', jobs: jobs.length },
        'queue unavailable; the sweep will schedule',
      );
    }
    return added;
  }
}
