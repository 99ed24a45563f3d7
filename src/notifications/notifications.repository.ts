import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, paginate, PageQuery } from '../database/pagination';
import { NotificationKind } from './notification-kinds';
import { Notification } from './notification.entity';
import { Role } from '../users/role';

/** Who reads the mail of a notification to an agency: its active case workers. */
const AGENCY_RECIPIENT_ROLE: Role = 'case_worker';

export type NewNotification = Pick<
  Notification,
  'recipientAgencyId' | 'recipientUserId' | 'kind' | 'urgent' | 'resourceType' | 'resourceId'
> &
  Partial<Pick<Notification, 'deliveryKey'>>;

/** A notification claimed for delivery: whom it is for, and how it is to be worded. */
export interface ClaimedNotification {
  id: string;
  kind: NotificationKind;
  urgent: boolean;
  recipientUserId: string | null;
  recipientAgencyId: string | null;
}

/** An address a notification is mailed to, and the language (`users.locale`) its reader reads in. */
export interface MailAddress {
  email: string;
  locale: string;
}

export interface InboxFilter extends PageQuery {
  unread?: boolean;
}

/** Notifications: the caller's inbox, new ones, and their delivery. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The notifications the caller may act on this way: their own and their agency's. */
  private visible(tx: EntityManager, ability: AppAbility, action: 'read' | 'update') {
    const access = accessSql(ability, action, 'Notification', {
      alias: 'notification',
      columns: entityColumns(this.dataSource, Notification),
    });
    return tx.getRepository(Notification).createQueryBuilder('notification').where(access.sql, access.params);
  }

  /** A page of the caller's notifications, newest first. */
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, { limit: 50 }] })
  @GenerateSql({
    name: 'unread, as a police case worker',
    params: [DummyValue.tx, DummyValue.caller.police, { limit: 50, unread: true }],
  })
  page(tx: EntityManager, ability: AppAbility, filter: InboxFilter): Promise<Page<Notification>> {
    const builder = this.visible(tx, ability, 'read');
    if (filter.unread) builder.andWhere('notification.readAt IS NULL');
    return paginate(builder, filter, {
      column: 'createdAt',
      direction: 'DESC',
      keyOf: (row) => row.createdAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /** One notification the caller may mark read (null when they may not). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  findToUpdate(tx: EntityManager, ability: AppAbility, id: string): Promise<Notification | null> {
    return this.visible(tx, ability, 'update').andWhere('notification.id = :id', { id }).getOne();
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async markRead(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.update(Notification, { id }, { readAt: at });
  }

  /**
   * Inserts notifications, ids only (DESIGN: the record says the rest to whoever may see it); one
   * with a delivery key already used is left out. Returns the ids of those inserted.
   */
  @GenerateSql({
    params: [
      DummyValue.tx,
      [
        {
          recipientAgencyId: DummyValue.UUID,
          recipientUserId: null,
          kind: 'concern.alert_police',
          urgent: true,
          resourceType: 'concern',
          resourceId: DummyValue.UUID,
        },
      ],
    ],
  })
  async insert(tx: EntityManager, notifications: NewNotification[]): Promise<string[]> {
    if (notifications.length === 0) return [];
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(notifications)
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as { id: string }[]).map((row) => row.id);
  }

  /**
   * Claims a notification for delivery with one conditional update, so a retried or duplicated
   * job finds it claimed (null) and mails nothing.
   */
  @GenerateSql({ params: [DummyValue.UUID] })
  async claim(id: string): Promise<ClaimedNotification | null> {
    const [claimed]: {
      id: string;
      kind: NotificationKind;
      urgent: boolean;
      recipient_user_id: string | null;
      recipient_agency_id: string | null;
    }[][] = await this.dataSource.query(
      `UPDATE notifications SET delivered_at = now() WHERE id = $1 AND delivered_at IS NULL
       RETURNING id, kind, urgent, recipient_user_id, recipient_agency_id`,
      [id],
    );
    const row = claimed?.[0];
    return row
      ? {
          id: row.id,
          kind: row.kind,
          urgent: row.urgent,
          recipientUserId: row.recipient_user_id,
          recipientAgencyId: row.recipient_agency_id,
        }
      : null;
  }

  /**
   * Where a claimed notification is mailed, and in which language: the user's address; for an
   * agency, its active case workers'. The worker's own read for delivery, with no caller: it is only ever mailed that
   * there is something to look at.
   */
  @GenerateSql({ name: 'to a user', params: [{ recipientUserId: DummyValue.UUID, recipientAgencyId: null }] })
  @GenerateSql({ name: 'to an agency', params: [{ recipientUserId: null, recipientAgencyId: DummyValue.UUID }] })
  async addresses(
    recipient: Pick<ClaimedNotification, 'recipientUserId' | 'recipientAgencyId'>,
  ): Promise<MailAddress[]> {
    const rows: MailAddress[] = recipient.recipientUserId
      ? await this.dataSource.query('SELECT email, locale FROM users WHERE id = $1 AND active', [
          recipient.recipientUserId,
        ])
      : await this.dataSource.query(
          'SELECT email, locale FROM users WHERE agency_id = $1 AND active AND $2 = ANY(roles)',
          [recipient.recipientAgencyId, AGENCY_RECIPIENT_ROLE],
        );
    return rows.map(({ email, locale }) => ({ email, locale }));
  }
}
