import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Notification } from '../notifications/notification.entity';
import { Role } from '../users/role';
import { ReferralStatus } from './referral-vocabulary';

/** What the flag of an unseen referral needs of it: no names, no narrative. */
export interface UnseenCandidate {
  id: string;
  status: string;
  seenAt: Date | null;
  unseenFlaggedAt: Date | null;
  createdAt: Date;
  districtId: string;
  subjectId: string;
  timeZone: string;
}

/** Whom an unseen referral is flagged to, in its district. */
const FLAG_ROLE: Role = 'coordinator';
/** The state of a referral nobody has answered yet: the only one a receipt and its flag concern. */
const UNSEEN_STATUS: ReferralStatus = 'pending';

const CANDIDATE_COLUMNS = `r.id, r.status, r.seen_at AS "seenAt", r.unseen_flagged_at AS "unseenFlaggedAt", r.created_at AS "createdAt", r.district_id AS "districtId",
       r.subject_id AS "subjectId", d.time_zone AS "timeZone"`;

/** The queries of referrals' receipts: the worker's flag of those left unseen, and its sweep. */
@Injectable()
export class ReferralReceiptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One transaction for the flag's unit of work (the audit event goes into it). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The referral a flag is about, locked, so two runs of one job take turns. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async lockCandidate(tx: EntityManager, id: string): Promise<UnseenCandidate | null> {
    const rows: UnseenCandidate[] = await tx.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM referrals r JOIN districts d ON d.id = r.district_id
        WHERE r.id = $1 FOR UPDATE OF r`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A district's time zone, to time a new referral's flag. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async timeZoneOf(districtId: string): Promise<string | null> {
    const rows: { time_zone: string }[] = await this.dataSource.query('SELECT time_zone FROM districts WHERE id = $1', [
      districtId,
    ]);
    return rows[0]?.time_zone ?? null;
  }

  /**
   * Pending referrals nobody of the receiving agency has opened, sent before `before` and not yet
   * flagged: the sweep's net for flags whose job was lost (from the partial index of the unseen).
   */
  @GenerateSql({ params: [DummyValue.DATE, 500] })
  unflagged(before: Date, limit: number): Promise<UnseenCandidate[]> {
    return this.dataSource.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM referrals r JOIN districts d ON d.id = r.district_id
        WHERE r.status = $3 AND r.seen_at IS NULL AND r.created_at < $1
          AND r.unseen_flagged_at IS NULL
        ORDER BY r.created_at LIMIT $2`,
      [before, limit, UNSEEN_STATUS],
    );
  }

  /** Marks it flagged: the board shows it, and the sweep passes it by. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async markFlagged(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query('UPDATE referrals SET unseen_flagged_at = $2 WHERE id = $1', [id, at]);
  }

  /** The active coordinators of a district. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async coordinatorsOf(tx: EntityManager, districtId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT u.id FROM users u JOIN user_districts d ON d.user_id = u.id
        WHERE d.district_id = $1 AND u.active AND $2 = ANY(u.roles) ORDER BY u.id`,
      [districtId, FLAG_ROLE],
    );
    return rows.map((row) => row.id);
  }

  /** The flag's notifications, each once per delivery key: the ids of those inserted now. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, [DummyValue.UUID], DummyValue.STRING] })
  async insertFlags(tx: EntityManager, referralId: string, recipients: string[], key: string): Promise<string[]> {
    if (recipients.length === 0) return [];
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        recipients.map((userId) => ({
          recipientUserId: userId,
          recipientAgencyId: null,
          kind: 'referral.flag_unseen',
          urgent: false,
          resourceType: 'referral',
          resourceId: referralId,
          deliveryKey: `${key}-${userId}`,
        })),
      )
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as { id: string }[]).map((row) => row.id);
  }
}
