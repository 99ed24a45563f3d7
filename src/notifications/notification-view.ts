import { Page } from '../database/pagination';
import { NotificationDto, NotificationPageDto } from './dto/notification.dto';
import { Notification } from './notification.entity';

/** The answer for a notification: ids only, the record says the rest to whoever may see it. */
export function notificationView(notification: Notification): NotificationDto {
  return {
    id: notification.id,
    kind: notification.kind,
    urgent: notification.urgent,
    resourceType: notification.resourceType,
    resourceId: notification.resourceId,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}

export function notificationPageView(page: Page<Notification>): NotificationPageDto {
  return { items: page.items.map(notificationView), nextCursor: page.nextCursor };
}
