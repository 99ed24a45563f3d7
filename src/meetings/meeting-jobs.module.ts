import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { OnJob } from '../queue/job-registry';
import { AgendaStepJob, JOBS, QUEUES } from '../queue/queues';
import { AgendaGenerator } from './agenda-generator.service';
import { AgendaRepository } from './agenda.repository';
import { AgendaStepRunner } from './agenda-step-runner.service';
import { ForumSeriesRepository } from './forum-series.repository';
import { ForumSeriesService } from './forum-series.service';
import { MeetingScheduler } from './meeting-scheduler.service';
import { MeetingsSweep } from './meetings-sweep.service';
import { MeetingsRepository } from './meetings.repository';

/** The jobs of meetings: each agenda step, and the sweep (scheduled in src/queue's SCHEDULES). */
@Injectable()
export class MeetingJobs {
  constructor(
    private readonly steps: AgendaStepRunner,
    private readonly sweep: MeetingsSweep,
  ) {}

  @OnJob(JOBS.agendaStep)
  agendaStep(data: AgendaStepJob) {
    return this.steps.run(data);
  }

  @OnJob(JOBS.meetingsSweep)
  sweepMeetings() {
    return this.sweep.run();
  }
}

/** The worker side of meetings: agenda generation and freezing, series extension, the sweep. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.meetings })],
  providers: [
    MeetingsRepository,
    ForumSeriesRepository,
    AgendaRepository,
    AgendaGenerator,
    AgendaStepRunner,
    ForumSeriesService,
    MeetingScheduler,
    MeetingsSweep,
    MeetingJobs,
  ],
})
export class MeetingJobsModule {}
