import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { OnJob } from '../queue/job-registry';
import { DeliverNotificationJob, JOBS, QUEUES } from '../queue/queues';
import { NotificationDeliverer } from './notification-deliverer.service';
import { NotificationDispatch } from './notification-dispatch.service';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifications })],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, NotificationDispatch, NotificationInboxService],
  exports: [NotificationsRepository, NotificationsService, NotificationDispatch],
})
export class NotificationsModule {}

/** The job of notifications: delivering one. */
@Injectable()
export class NotificationJobs {
  constructor(private readonly deliverer: NotificationDeliverer) {}

  @OnJob(JOBS.deliverNotification)
  deliver(data: DeliverNotificationJob) {
    return this.deliverer.deliver(data.notificationId);
  }
}

/** The worker side: delivery of notifications (in-app record, e-mail when SMTP is configured). */
@Module({
  imports: [NotificationsModule],
  providers: [NotificationDeliverer, NotificationJobs],
})
export class NotificationJobsModule {}
