import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EMERGENCY_RISK_LEVEL } from '../concerns/concern-vocabulary';
import { positionalBinder, shareIsActive } from '../access/shares';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { LegalBasis } from '../referrals/referral-vocabulary';

/** The kind of a share through a referral, as the answer names it. */
const REFERRAL_SHARE = 'referral';

/** A share in force of a concern to one agency: an open referral on a basis that holds, or an emergency share. */
export interface ShareGround {
  kind: 'referral' | 'emergency';
  referralId: string | null;
  legalBasis: LegalBasis;
  consentId: string | null;
  consentValidUntil: Date | null;
}

/**
 * The facts "why can I see this" names beside the rule that matched: which share, on which consent
 * until when, which break-glass grant until when. The shares are the same conditions the reads use
 * (src/access/shares.ts), so the answer cannot name a share the read would not honour.
 */
@Injectable()
export class AccessExplanationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The shares of a concern to an agency in force at `now`, oldest first, each with its consent's end. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID, DummyValue.DATE] })
  async sharesTo(tx: EntityManager, concernId: string, agencyId: string, now: Date): Promise<ShareGround[]> {
    const { param, values } = positionalBinder();
    const concern = param(concernId);
    const agency = param(agencyId);
    const sql = `SELECT "shares".* FROM (
        SELECT ${param(REFERRAL_SHARE)}::text AS kind, "share"."id" AS referral_id, "share"."legal_basis"::text AS legal_basis,
               "share"."consent_id", "basis"."valid_until" AS consent_valid_until, "share"."created_at"
          FROM referrals "share"
          LEFT JOIN consents "basis" ON "basis"."id" = "share"."consent_id"
         WHERE "share"."concern_id" = ${concern} AND "share"."to_agency_id" = ${agency} AND ${shareIsActive('share', now, param)}
        UNION ALL
        SELECT 'emergency', NULL, "alerted"."legal_basis"::text, NULL, NULL, "alerted"."created_at"
          FROM emergency_shares "alerted"
          JOIN concerns "endangered" ON "endangered"."id" = "alerted"."concern_id"
         WHERE "alerted"."concern_id" = ${concern} AND "alerted"."agency_id" = ${agency}
           AND "endangered"."risk_level" = ${param(EMERGENCY_RISK_LEVEL)}) "shares"
      ORDER BY "shares"."created_at"`;
    const rows: {
      kind: 'referral' | 'emergency';
      referral_id: string | null;
      legal_basis: LegalBasis;
      consent_id: string | null;
      consent_valid_until: Date | null;
    }[] = await tx.query(sql, values);
    return rows.map((row) => ({
      kind: row.kind,
      referralId: row.referral_id,
      legalBasis: row.legal_basis,
      consentId: row.consent_id,
      consentValidUntil: row.consent_valid_until,
    }));
  }

  /** When a consent ends (null: open-ended); undefined where there is no such consent. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async consentEnd(tx: EntityManager, consentId: string): Promise<Date | null | undefined> {
    const rows: { valid_until: Date | null }[] = await tx.query(
      'SELECT "consent"."valid_until" FROM consents "consent" WHERE "consent"."id" = $1',
      [consentId],
    );
    return rows[0]?.valid_until;
  }

  /** When the caller's break-glass grants on a concern end, soonest last. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async grantEnds(tx: EntityManager, grantIds: string[]): Promise<{ id: string; expiresAt: Date }[]> {
    const rows: { id: string; expires_at: Date }[] = await tx.query(
      'SELECT "grant"."id", "grant"."expires_at" FROM break_glass_grants "grant" WHERE "grant"."id" = ANY($1) ORDER BY "grant"."expires_at" DESC',
      [grantIds],
    );
    return rows.map((row) => ({ id: row.id, expiresAt: row.expires_at }));
  }

  /** Whether a referral shares its concern now: open, on a basis that still holds (its `shareActive`, from the same SQL). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async referralShareActive(tx: EntityManager, referralId: string, now: Date): Promise<boolean> {
    const { param, values } = positionalBinder();
    const id = param(referralId);
    const rows: { active: boolean }[] = await tx.query(
      `SELECT ${shareIsActive('referral', now, param)} AS active FROM referrals "referral" WHERE "referral"."id" = ${id}`,
      values,
    );
    return rows[0]?.active === true;
  }
}
