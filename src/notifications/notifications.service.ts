import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTIFICATION_KINDS, NotificationKind, notificationResourceTypeOf } from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';

/** Notifications are rows in PostgreSQL first; the worker delivers them, so none is lost with Redis. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  /**
   * Alerts a police agency, urgently, about a concern in immediate danger (which agency is the
   * concern's district's choice: src/concerns/emergency-alarm.ts). Returns the notification, for
   * the caller to dispatch once its transaction has committed.
   */
  async alertPolice(manager: EntityManager, policeAgencyId: string, concernId: string): Promise<string> {
    const kind = 'concern.alert_police';
    const [id] = await this.notifications.insert(manager, [
      {
        recipientAgencyId: policeAgencyId,
        recipientUserId: null,
        kind,
        urgent: NOTIFICATION_KINDS[kind].urgent,
        resourceType: notificationResourceTypeOf(kind),
        resourceId: concernId,
      },
    ]);
    return id;
  }

  /** Tells one user that something happened to a record of the kind's resource type (its id only). */
  async notifyUser(manager: EntityManager, userId: string, kind: NotificationKind, resourceId: string): Promise<void> {
    await this.notifications.insert(manager, [
      {
        recipientAgencyId: null,
        recipientUserId: userId,
        kind,
        urgent: NOTIFICATION_KINDS[kind].urgent,
        resourceType: notificationResourceTypeOf(kind),
        resourceId,
      },
    ]);
  }
}
