import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConcernsModule } from '../concerns/concerns.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { QUEUES } from '../queue/queues';
import { ReferralsModule } from '../referrals/referrals.module';
import { UsersModule } from '../users/users.module';
import { AgendaController } from './agenda.controller';
import { AgendaGenerator } from './agenda-generator.service';
import { AgendaRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';
import { ForumSeriesRepository } from './forum-series.repository';
import { ForumSeriesService } from './forum-series.service';
import { MeetingScheduler } from './meeting-scheduler.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { MinutesRepository } from './minutes.repository';
import { MinutesService } from './minutes.service';

/** The API side of meetings; generation and freezing before and at the start run in the worker. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.meetings }),
    ConcernsModule,
    ReferralsModule,
    FollowUpsModule,
    UsersModule,
  ],
  controllers: [MeetingsController, AgendaController],
  providers: [
    MeetingsRepository,
    ForumSeriesRepository,
    AgendaRepository,
    MinutesRepository,
    MeetingsService,
    ForumSeriesService,
    AgendaService,
    AgendaGenerator,
    MinutesService,
    MeetingScheduler,
  ],
})
export class MeetingsModule {}
