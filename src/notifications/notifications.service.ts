import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Notification } from './notification.entity';

/** Notifications are rows in PostgreSQL first; the worker delivers them, so none is lost with Redis. */
@Injectable()
export class NotificationsService {
  /**
   * Alerts the police of a district about a concern in immediate danger: the police agency
   * serving that district, else a city-wide police agency. Returns the agency alerted and the
   * notification, for the caller to dispatch once its transaction has committed.
   */
  async alertPolice(
    manager: EntityManager,
    districtId: string,
    concernId: string,
  ): Promise<{ police: Agency; notificationId: string } | null> {
    const police =
      (await manager.findOne(Agency, { where: { kind: 'police', districtId }, order: { name: 'ASC' } })) ??
      (await manager.findOne(Agency, { where: { kind: 'police', districtId: IsNull() }, order: { name: 'ASC' } }));
    if (!police) return null;
    const inserted = await manager.insert(Notification, {
      recipientAgencyId: police.id,
      recipientUserId: null,
      kind: 'concern.immediate_danger',
      urgent: true,
      resourceType: 'Concern',
      resourceId: concernId,
    });
    return { police, notificationId: inserted.identifiers[0]!.id as string };
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
