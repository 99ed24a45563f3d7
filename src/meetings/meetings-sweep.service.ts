import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { AgendaGenerator } from './agenda-generator.service';
import { ForumSeriesService } from './forum-series.service';
import { MeetingScheduler } from './meeting-scheduler.service';
import { MeetingsRepository } from './meetings.repository';

/**
 * The worker's periodic look at meetings, which makes Redis disposable for them: series are
 * extended six months ahead, every meeting still to come gets its agenda jobs back (adding an
 * existing job is a no-op), and a meeting that started while nothing ran is frozen now.
 */
@Injectable()
export class MeetingsSweep {
  private readonly logger = new Logger(MeetingsSweep.name);

  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly series: ForumSeriesService,
    private readonly scheduler: MeetingScheduler,
    private readonly generator: AgendaGenerator,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<{ created: number; frozen: number }> {
    const created = await this.series.extendAll();
    const now = this.clock.now();
    const pending = await this.meetings.unfrozen();
    const upcoming = pending.filter((meeting) => meeting.startsAt > now);
    if (!(await this.scheduler.schedule(upcoming))) throw new Error('queue unavailable');
    let frozen = 0;
    for (const meeting of pending.filter((candidate) => candidate.startsAt <= now)) {
      await this.meetings.transaction(async (manager) => {
        const locked = await this.generator.lock(manager, meeting.id);
        if (locked && !locked.agendaFrozenAt) {
          await this.generator.freeze(manager, locked);
          frozen++;
        }
      });
    }
    this.logger.log({ event: 'meetings.swept', created: created.length, frozen }, 'meetings swept');
    return { created: created.length, frozen };
  }
}
