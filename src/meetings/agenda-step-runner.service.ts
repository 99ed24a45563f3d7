import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { AgendaStepJob } from '../queue/queues';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { AgendaGenerator } from './agenda-generator.service';
import { hasStarted } from './meeting-access';
import { MeetingsRepository } from './meetings.repository';

export type AgendaStepResult = 'done' | 'stale';

/** Runs one agenda step against PostgreSQL's state: a job for an old start, or one already done, does nothing. */
@Injectable()
export class AgendaStepRunner {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly generator: AgendaGenerator,
    private readonly clock: Clock,
  ) {}

  run(job: AgendaStepJob): Promise<AgendaStepResult> {
    return this.meetings.transaction(async (manager) => {
      const meeting = await this.generator.lock(manager, job.meetingId);
      if (!meeting || meeting.startsAt.getTime() !== new Date(job.startsAt).getTime()) return 'stale';
      if (meeting.agendaFrozenAt) return 'stale';
      if (job.step === 'freeze') {
        await this.generator.freeze(manager, meeting);
        return 'done';
      }
      if (meeting.agendaGeneratedAt || hasStarted(meeting, this.clock.now())) return 'stale';
      await this.generator.generate(manager, meeting, SYSTEM_ACTOR);
      return 'done';
    });
  }
}
