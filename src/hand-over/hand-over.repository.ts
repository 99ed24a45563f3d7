import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { OPEN_FOLLOW_UP_STATE } from '../follow-ups/follow-up-rules';
import { OwnerCandidate } from '../follow-ups/follow-up-owner';
import { OPEN_REFERRAL_STATUSES } from '../referrals/referral-vocabulary';

/** A referral a user works as its case worker, open: what its hand-over needs (ids only). */
export interface OwnedReferral {
  id: string;
  subjectId: string;
  toAgencyId: string;
  districtId: string;
}

/** A follow-up a user owns, open, with its case team (the referral's, when it is about one). */
export interface OwnedFollowUp {
  id: string;
  districtId: string | null;
  referralAgencyId: string | null;
  referralDistrictId: string | null;
}

/** Who a user is for owning case work: agency, roles, districts, whether active (nothing personal). */
export type Colleague = OwnerCandidate & { id: string; active: boolean };

/** The queries of handing a user's open work to a colleague, and of the check before deactivating one. */
@Injectable()
export class HandOverRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A user as a possible owner of case work, the row locked (so their work is not handed twice at once). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async lockColleague(tx: EntityManager, id: string): Promise<Colleague | null> {
    const rows: {
      id: string;
      agency_id: string;
      roles: Colleague['roles'];
      active: boolean;
      district_ids: string[];
    }[] = await tx.query(
      `SELECT u.id, u.agency_id, u.roles::text[] AS roles, u.active,
                ARRAY(SELECT d.district_id FROM user_districts d WHERE d.user_id = u.id ORDER BY d.district_id) AS district_ids
           FROM users u WHERE u.id = $1 FOR UPDATE OF u`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, agencyId: row.agency_id, roles: row.roles, districtIds: row.district_ids, active: row.active };
  }

  /** The open referrals the user is the case worker of, locked, oldest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  openReferralsOf(tx: EntityManager, userId: string): Promise<OwnedReferral[]> {
    return tx.query(
      `SELECT r.id, r.subject_id AS "subjectId", r.to_agency_id AS "toAgencyId", r.district_id AS "districtId"
         FROM referrals r WHERE r.case_worker_id = $1 AND r.status = ANY($2::referral_status[])
        ORDER BY r.created_at, r.id FOR UPDATE OF r`,
      [userId, OPEN_REFERRAL_STATUSES],
    );
  }

  /** The open follow-ups the user owns, locked, with the case team of the referral each is about. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  openFollowUpsOf(tx: EntityManager, userId: string): Promise<OwnedFollowUp[]> {
    return tx.query(
      `SELECT f.id, f.district_id AS "districtId", r.to_agency_id AS "referralAgencyId", r.district_id AS "referralDistrictId"
         FROM follow_ups f LEFT JOIN referrals r ON r.id = f.referral_id
        WHERE f.owner_id = $1 AND f.state = $2
        ORDER BY f.due_at, f.id FOR UPDATE OF f`,
      [userId, OPEN_FOLLOW_UP_STATE],
    );
  }

  /** The referrals get their new case worker; their version moves on (a page read before is stale). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, DummyValue.UUID, DummyValue.DATE] })
  async moveReferrals(tx: EntityManager, ids: string[], toUserId: string, at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      'UPDATE referrals SET case_worker_id = $2, version = version + 1, updated_at = $3 WHERE id = ANY($1)',
      [ids, toUserId, at],
    );
  }

  /**
   * The follow-ups get their new owner. The version stays: their steps' jobs stay valid and each
   * reads its owner when it runs, so the reminders still to come reach the new owner, once.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, DummyValue.UUID] })
  async moveFollowUps(tx: EntityManager, ids: string[], toUserId: string): Promise<void> {
    if (ids.length === 0) return;
    await tx.query('UPDATE follow_ups SET owner_id = $2 WHERE id = ANY($1)', [ids, toUserId]);
  }
}
