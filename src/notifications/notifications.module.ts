import { BullModule, Processor, WorkerHost } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { DeliverNotificationJob, QUEUES, WORKER_OPTIONS } from '../queue/queues';
import { NotificationDeliverer } from './notification-deliverer.service';
import { NotificationDispatch } from './notification-dispatch.service';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifications })],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationDispatch, NotificationInboxService],
  exports: [NotificationsService, NotificationDispatch],
})
export class NotificationsModule {}

@Processor(QUEUES.notifications, WORKER_OPTIONS)
export class DeliverNotificationsProcessor extends WorkerHost {
  constructor(private readonly deliverer: NotificationDeliverer) {
    super();
  }

  process(job: Job<DeliverNotificationJob>) {
    return this.deliverer.deliver(job.data.notificationId);
  }
}

/** The worker side: delivery of notifications (in-app record, e-mail when SMTP is configured). */
@Module({
  imports: [NotificationsModule],
  providers: [NotificationDeliverer, DeliverNotificationsProcessor],
})
export class NotificationJobsModule {}
