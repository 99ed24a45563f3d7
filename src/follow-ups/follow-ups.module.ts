import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queues';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';

/** The API side: follow-ups are stored, then put on the queue; the worker does the rest. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.followUps })],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpScheduler],
  exports: [FollowUpScheduler],
})
export class FollowUpsModule {}
