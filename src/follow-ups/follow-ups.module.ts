import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queues';
import { FollowUpFactory } from './follow-up-factory.service';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

/**
 * The API side: follow-ups are stored, then put on the queue; the worker does the rest. Other
 * modules make follow-ups through the FollowUpFactory only.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.followUps })],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpScheduler, FollowUpsRepository, FollowUpFactory],
  exports: [FollowUpFactory],
})
export class FollowUpsModule {}
