import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { binder, referralShareFields } from '../access/shares';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, paginate } from '../database/pagination';
import type { NotificationKind } from '../notifications/notification-kinds';
import { Notification } from '../notifications/notification.entity';
import { Referral } from '../referrals/referral.entity';
import { Role } from '../users/role';
import { FollowUpQuery } from './dto/follow-up.dto';
import { OwnerCandidate } from './follow-up-owner';
import { followUpIsOverdue, OPEN_FOLLOW_UP_STATE } from './follow-up-rules';
import { FollowUp, FollowUpState } from './follow-up.entity';

/** The columns of a new follow-up; the rest (id, version, state, escalation, times of creation and closing) are the table's. */
export type NewFollowUpRow = Pick<
  FollowUp,
  'kind' | 'referralId' | 'minuteId' | 'ownerId' | 'createdById' | 'districtId' | 'text' | 'dueAt' | 'remindAt'
>;

/** What a step's job needs of its follow-up: no text, nobody's name. */
export type FollowUpForStep = Pick<
  FollowUp,
  'id' | 'ownerId' | 'districtId' | 'state' | 'version' | 'escalationLevel' | 'dueAt' | 'remindAt'
>;

/** The referral a follow-up is made for, as far as the follow-up needs it: its case team and subject. */
export type ReferralOfFollowUp = Pick<Referral, 'id' | 'toAgencyId' | 'districtId' | 'subjectId'>;

/** Whom an overdue follow-up escalates to, in its district. */
const ESCALATION_ROLE: Role = 'coordinator';

/** A notification a step sends: inserted once per delivery key. */
export interface StepNotificationRow {
  recipientUserId: string;
  kind: Extract<NotificationKind, `follow_up.${string}`>;
  urgent: boolean;
  resourceId: string;
  deliveryKey: string;
}

/**
 * Every query about follow-ups: the API's (create, list, close), the worker's steps and the
 * reconcile sweep. Reads of what a person may see take their ability; the worker's reads take
 * only ids, states and times (it acts for no one).
 */
@Injectable()
export class FollowUpsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One transaction for a service's unit of work (the audit event goes into it). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // ---- the API ----

  /** The caller's own follow-ups (the ones they own), soonest due first, within what they may read. */
  @GenerateSql({
    name: 'open',
    params: [
      DummyValue.tx,
      DummyValue.caller.caseWorker,
      DummyValue.UUID,
      { limit: DummyValue.NUMBER },
      DummyValue.DATE,
    ],
  })
  @GenerateSql({
    name: 'overdue',
    params: [
      DummyValue.tx,
      DummyValue.caller.coordinator,
      DummyValue.UUID,
      { limit: DummyValue.NUMBER, state: 'overdue' },
      DummyValue.DATE,
    ],
  })
  listOwned(
    tx: EntityManager,
    ability: AppAbility,
    ownerId: string,
    query: Pick<FollowUpQuery, 'limit' | 'cursor' | 'state'>,
    now: Date,
  ): Promise<Page<FollowUp>> {
    const access = accessSql(ability, 'read', 'FollowUp', {
      alias: 'followUp',
      columns: entityColumns(this.dataSource, FollowUp),
    });
    const builder = tx
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .where(access.sql, access.params)
      .andWhere('followUp.ownerId = :me', { me: ownerId });
    if (query.state === 'overdue') {
      const { param, params } = binder('overdue');
      builder.andWhere(followUpIsOverdue.sql('followUp', now, param), params);
    } else if (query.state) {
      builder.andWhere('followUp.state = :state', { state: query.state });
    }
    return paginate(builder, query, {
      column: 'dueAt',
      direction: 'ASC',
      keyOf: (row) => row.dueAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /** A follow-up the caller may read, locked for a change of state; null when they may not see it. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  lockVisible(tx: EntityManager, ability: AppAbility, id: string): Promise<FollowUp | null> {
    const access = accessSql(ability, 'read', 'FollowUp', {
      alias: 'followUp',
      columns: entityColumns(this.dataSource, FollowUp),
    });
    return tx
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .where(access.sql, access.params)
      .andWhere('followUp.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** A follow-up the caller may change (its owner, or a coordinator of its district), locked; null otherwise. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  lockChangeable(tx: EntityManager, ability: AppAbility, id: string): Promise<FollowUp | null> {
    const access = accessSql(ability, 'update', 'FollowUp', {
      alias: 'followUp',
      columns: entityColumns(this.dataSource, FollowUp),
    });
    return tx
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .where(access.sql, access.params)
      .andWhere('followUp.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /**
   * New due and reminder times at the version read: the version moves on and the escalation starts
   * over, so the old steps' jobs find nothing to do and the new ones run once. Null when the
   * version has changed since.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 1, DummyValue.DATE, DummyValue.DATE] })
  async reschedule(
    tx: EntityManager,
    id: string,
    version: number,
    dueAt: Date,
    remindAt: Date,
  ): Promise<FollowUp | null> {
    // An UPDATE answers [rows, count].
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE follow_ups SET due_at = $3, remind_at = $4, escalation_level = 0, version = version + 1
        WHERE id = $1 AND version = $2 AND state = $5`,
      [id, version, dueAt, remindAt, OPEN_FOLLOW_UP_STATE],
    );
    return count === 1 ? tx.findOneByOrFail(FollowUp, { id }) : null;
  }

  /** Done or cancelled: the version moves on, so every pending step's job finds nothing to do. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'done', DummyValue.DATE] })
  async close(tx: EntityManager, id: string, state: Exclude<FollowUpState, 'open'>, at: Date): Promise<FollowUp> {
    await tx.update(FollowUp, { id }, { state, closedAt: at });
    return tx.findOneByOrFail(FollowUp, { id });
  }

  /**
   * The referral a new follow-up is for, if the caller may read it (the referral's own access
   * rules, its share still holding); null when they may not.
   */
  @GenerateSql({
    name: 'as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID, DummyValue.DATE],
  })
  @GenerateSql({
    name: 'as a case worker',
    params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID, DummyValue.DATE],
  })
  visibleReferral(tx: EntityManager, ability: AppAbility, id: string, now: Date): Promise<ReferralOfFollowUp | null> {
    const access = accessSql(ability, 'read', 'Referral', {
      alias: 'referral',
      columns: { ...entityColumns(this.dataSource, Referral), ...referralShareFields('referral', now) },
    });
    return tx
      .getRepository(Referral)
      .createQueryBuilder('referral')
      .select(['referral.id', 'referral.toAgencyId', 'referral.districtId', 'referral.subjectId'])
      .where(access.sql, access.params)
      .andWhere('referral.id = :id', { id })
      .getOne();
  }

  /** Who an active user is for owning a follow-up: agency, roles, districts (nothing personal). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async ownerCandidate(tx: EntityManager, userId: string): Promise<(OwnerCandidate & { id: string }) | null> {
    const rows: { id: string; agency_id: string; roles: OwnerCandidate['roles']; district_ids: string[] }[] =
      await tx.query(
        `SELECT u.id, u.agency_id, u.roles::text[] AS roles,
              ARRAY(SELECT d.district_id FROM user_districts d WHERE d.user_id = u.id ORDER BY d.district_id) AS district_ids
         FROM users u WHERE u.id = $1 AND u.active`,
        [userId],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      agencyId: row.agency_id,
      roles: row.roles,
      districtIds: row.district_ids,
    };
  }

  /** The time zones of these districts, by id. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async districtTimeZones(tx: EntityManager, districtIds: string[]): Promise<Map<string, string>> {
    if (districtIds.length === 0) return new Map();
    const rows: { id: string; time_zone: string }[] = await tx.query(
      'SELECT id, time_zone FROM districts WHERE id = ANY($1)',
      [districtIds],
    );
    return new Map(rows.map((row) => [row.id, row.time_zone]));
  }

  /** New follow-ups, open and not escalated, with what the table gave them (id, version). */
  @GenerateSql({
    params: [
      DummyValue.tx,
      [
        {
          kind: 'task',
          referralId: null,
          minuteId: null,
          ownerId: DummyValue.UUID,
          createdById: DummyValue.UUID,
          districtId: null,
          text: DummyValue.STRING,
          dueAt: DummyValue.DATE,
          remindAt: DummyValue.DATE,
        },
      ],
    ],
  })
  insert(tx: EntityManager, rows: NewFollowUpRow[]): Promise<FollowUp[]> {
    return tx.save(
      rows.map((row) =>
        tx.create(FollowUp, { ...row, state: OPEN_FOLLOW_UP_STATE, escalationLevel: 0, closedAt: null }),
      ),
    );
  }

  // ---- the worker's steps ----

  /** The follow-up a step is about, locked, so two runs of one job take turns. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  lockForStep(tx: EntityManager, id: string): Promise<FollowUpForStep | null> {
    return tx.findOne(FollowUp, {
      select: ['id', 'ownerId', 'districtId', 'state', 'version', 'escalationLevel', 'dueAt', 'remindAt'],
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Marks it escalated without a new version (the other steps' jobs carry the version). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async markEscalated(tx: EntityManager, id: string): Promise<void> {
    await tx.query('UPDATE follow_ups SET escalation_level = 1 WHERE id = $1', [id]);
  }

  /** The active coordinators of a district. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async coordinatorsOf(tx: EntityManager, districtId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT u.id FROM users u JOIN user_districts d ON d.user_id = u.id
        WHERE d.district_id = $1 AND u.active AND $2 = ANY(u.roles)`,
      [districtId, ESCALATION_ROLE],
    );
    return rows.map((row) => row.id);
  }

  /** A step's notifications, each once per delivery key: the ids of those inserted now (none if they already were). */
  @GenerateSql({
    params: [
      DummyValue.tx,
      [
        {
          recipientUserId: DummyValue.UUID,
          kind: 'follow_up.remind',
          urgent: false,
          resourceId: DummyValue.UUID,
          deliveryKey: DummyValue.STRING,
        },
      ],
    ],
  })
  async insertStepNotifications(tx: EntityManager, rows: StepNotificationRow[]): Promise<string[]> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        rows.map((row) => ({
          recipientUserId: row.recipientUserId,
          recipientAgencyId: null,
          kind: row.kind,
          urgent: row.urgent,
          resourceType: 'follow_up',
          resourceId: row.resourceId,
          deliveryKey: row.deliveryKey,
        })),
      )
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as { id: string }[]).map((row) => row.id);
  }

  // ---- the reconcile sweep ----

  /** Open follow-ups after `afterId`, by id: what the sweep needs to rebuild their jobs. */
  @GenerateSql({ params: ['00000000-0000-0000-0000-000000000000', 1000] })
  openPage(afterId: string, limit: number): Promise<FollowUpForStep[]> {
    return this.dataSource
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .select([
        'followUp.id',
        'followUp.ownerId',
        'followUp.districtId',
        'followUp.state',
        'followUp.version',
        'followUp.escalationLevel',
        'followUp.dueAt',
        'followUp.remindAt',
      ])
      .where('followUp.state = :open AND followUp.id > :after', { open: OPEN_FOLLOW_UP_STATE, after: afterId })
      .orderBy('followUp.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Which of these delivery keys a notification already has (its step is done). */
  @GenerateSql({ params: [[DummyValue.STRING]] })
  async deliveredKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { delivery_key: string }[] = await this.dataSource.query(
      'SELECT delivery_key FROM notifications WHERE delivery_key = ANY($1)',
      [keys],
    );
    return new Set(rows.map((row) => row.delivery_key));
  }

  /** Notifications never delivered, oldest first. */
  @GenerateSql({ params: [10000] })
  async undeliveredNotifications(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM notifications WHERE delivered_at IS NULL ORDER BY created_at LIMIT $1',
      [limit],
    );
    return rows.map((row) => row.id);
  }
}
