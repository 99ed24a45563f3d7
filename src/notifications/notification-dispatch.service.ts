import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DeliverNotificationJob, deliverJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';

/** Asks the worker to deliver notifications now. Best effort: the reconcile sweep delivers whatever this missed. */
@Injectable()
export class NotificationDispatch {
  private readonly logger = new Logger(NotificationDispatch.name);

  constructor(@InjectQueue(QUEUES.notifications) private readonly queue: Queue<DeliverNotificationJob>) {}

  async dispatch(notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    const jobs = notificationIds.map((notificationId) => ({
      name: JOBS.deliverNotification,
      data: { notificationId },
      opts: { jobId: deliverJobId({ notificationId }) },
    }));
    if (!(await withinTime(this.queue.addBulk(jobs), ENQUEUE_TIMEOUT_MS))) {
      this.logger.warn(
        { event: 'notification.dispatch_deferred', count: jobs.length },
        'queue unavailable; reconcile will deliver',
      );
    }
  }
}
