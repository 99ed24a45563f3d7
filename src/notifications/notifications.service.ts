import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Notification } from './notification.entity';

/** Notifications are rows in PostgreSQL first; the worker delivers them, so none is lost with Redis. */
@Injectable()
export class NotificationsService {
  /**
   * Alerts a police agency, urgently, about a concern in immediate danger (which agency is the
   * concern's district's choice: src/concerns/emergency-alarm.ts). Returns the notification, for
   * the caller to dispatch once its transaction has committed.
   */
  async alertPolice(manager: EntityManager, policeAgencyId: string, concernId: string): Promise<string> {
    const inserted = await manager.insert(Notification, {
      recipientAgencyId: policeAgencyId,
      recipientUserId: null,
      kind: 'concern.immediate_danger',
      urgent: true,
      resourceType: 'Concern',
      resourceId: concernId,
    });
    return inserted.identifiers[0]!.id as string;
  }

  /** Tells one user that something happened to a record (ids only). */
  async notifyUser(
    manager: EntityManager,
    userId: string,
    kind: string,
    resourceType: string,
    resourceId: string,
  ): Promise<void> {
    await manager.insert(Notification, {
      recipientAgencyId: null,
      recipientUserId: userId,
      kind,
      urgent: false,
      resourceType,
      resourceId,
    });
  }
}
