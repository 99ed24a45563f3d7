import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.service';
import { AgendaStepJob, JOBS, QUEUES, WORKER_OPTIONS } from '../queue/queues';
import { AgendaGenerator } from './agenda-generator.service';
import { AgendaStepRunner } from './agenda-step-runner.service';
import { ForumSeriesService } from './forum-series.service';
import { MeetingScheduler } from './meeting-scheduler.service';
import { MeetingsSweep } from './meetings-sweep.service';

@Processor(QUEUES.meetings, WORKER_OPTIONS)
export class MeetingsProcessor extends WorkerHost {
  constructor(
    private readonly steps: AgendaStepRunner,
    private readonly sweep: MeetingsSweep,
  ) {
    super();
  }

  process(job: Job) {
    if (job.name === JOBS.agendaStep) return this.steps.run(job.data as AgendaStepJob);
    if (job.name === JOBS.meetingsSweep) return this.sweep.run();
    throw new Error(`no handler for ${job.name}`);
  }
}

/** Registers the periodic sweep with BullMQ's job scheduler (idempotent across workers and restarts). */
@Injectable()
export class MeetingsSweepSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.meetings) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'meetings-sweep',
      { every: this.config.get('MEETINGS_SWEEP_EVERY_MS') },
      { name: JOBS.meetingsSweep },
    );
  }
}

/** The worker side of meetings: agenda generation and freezing, series extension, the sweep. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.meetings })],
  providers: [
    AgendaGenerator,
    AgendaStepRunner,
    ForumSeriesService,
    MeetingScheduler,
    MeetingsSweep,
    MeetingsProcessor,
    MeetingsSweepSchedule,
  ],
})
export class MeetingJobsModule {}
