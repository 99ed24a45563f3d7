import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from './queues';
import { QueueTickets, QueueTicketsController } from './queue-tickets';

/** The queues the API shows on its dashboard (it enqueues to the first two itself). */
@Module({
  imports: [BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })))],
  controllers: [QueueTicketsController],
  providers: [QueueTickets],
  exports: [QueueTickets],
})
export class QueueDashboardModule {}
