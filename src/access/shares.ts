import { AppAbility } from './ability';
import { AccessTarget, VirtualField } from './access-sql';

/**
 * When a referral shares a concern (DESIGN rule 4): while it is open, and — where it rests
 * on consent — while that consent is neither withdrawn nor expired at `now`. `now` comes
 * from the application's clock, so expiry takes effect from the next request on.
 */
export function shareIsActive(referral: string, now: string): string {
  return `("${referral}"."status" IN ('pending', 'accepted', 'in_progress') AND ${basisIsActive(referral, now)})`;
}

/** The legal basis still holds: not consent, or a consent neither withdrawn nor expired. */
export function basisIsActive(referral: string, now: string): string {
  // A scalar subquery, not EXISTS: always one primary-key look-up per referral, never a hash of every consent.
  return `("${referral}"."legal_basis" <> 'consent' OR (SELECT "basis"."withdrawn_at" IS NULL AND ("basis"."valid_until" IS NULL OR "basis"."valid_until" > ${now}) FROM consents "basis" WHERE "basis"."id" = "${referral}"."consent_id") IS TRUE)`;
}

/**
 * Rule 4 on vital interest, without a referral: a concern raised to immediate danger is open to
 * the police agency its district names for emergencies (an emergency share), while the danger
 * is immediate. Lowering the risk closes it; raising it again reopens it.
 */
export function emergencyShareHolds(concernAlias: string, agency: string): string {
  return `("${concernAlias}"."risk_level" = 'immediate_danger' AND "${concernAlias}"."id" = ANY(ARRAY(SELECT "alerted"."concern_id" FROM emergency_shares "alerted" WHERE "alerted"."agency_id" = ${agency})))`;
}

/** An open referral to `agency` shares this concern on a basis that still holds: one index look-up per concern checked. */
function referralShareHolds(concernAlias: string, agency: string, now: string): string {
  return `EXISTS (SELECT 1 FROM referrals "share" WHERE "share"."concern_id" = "${concernAlias}"."id" AND "share"."to_agency_id" = ${agency} AND ${shareIsActive('share', now)})`;
}

/**
 * The concerns shared with an agency, for a list read rule by rule: its open referrals in the
 * order of their concerns' creation (each referral keeps a copy of it, with an index), so a page
 * reads a page of shares however many the agency holds; and its emergency shares, which are few.
 */
export function concernShareBranches(concernAlias: string, now: Date): AccessTarget['branches'] {
  return {
    sharedWith: (agencyId, param) => {
      const agency = param(agencyId);
      return [
        {
          sql: `"share"."to_agency_id" = ${agency} AND ${shareIsActive('share', param(now))}`,
          params: {},
          via: {
            table: 'referrals',
            alias: 'share',
            on: `"share"."concern_id" = "${concernAlias}"."id"`,
            key: 'concern_created_at',
            id: 'concern_id',
          },
        },
        { sql: emergencyShareHolds(concernAlias, agency), params: {} },
      ];
    },
  };
}

/**
 * Virtual fields of a concern for the access rules: `sharedWith` (an agency id) and
 * `vitalInterest` (true), as conditions on the concern's own row, each an index look-up: for
 * reading one concern or checking a few. Lists read the shares as branches of their own
 * (`concernShareBranches`), never by testing every concern.
 */
export function concernShareFields(concernAlias: string, now: Date): Record<string, VirtualField> {
  // Rule 5's exception is for police notes only: asked of the concern's own row, not of every police concern.
  const policeOwned = `"${concernAlias}"."owning_agency_id" = ANY(ARRAY(SELECT "police"."id" FROM agencies "police" WHERE "police"."kind" = 'police'))`;
  return {
    sharedWith: (agencyId, param) => {
      const agency = param(agencyId);
      return `(${referralShareHolds(concernAlias, agency, param(now))} OR ${emergencyShareHolds(concernAlias, agency)})`;
    },
    vitalInterest: (expected) => {
      if (expected !== true) throw new Error('access rule: vitalInterest can only be required');
      // Kept on the concern by the referral lifecycle: an open vital-interest referral needs no consent, so it holds while open.
      return `("${concernAlias}"."referred_on_vital_interest" AND ${policeOwned})`;
    },
  };
}

/** Virtual field of a referral: `shareActive` (true): open, on a basis that still holds. */
export function referralShareFields(referralAlias: string, now: Date): Record<string, VirtualField> {
  return {
    shareActive: (expected, param) => {
      if (expected !== true) throw new Error('access rule: shareActive can only be required');
      return shareIsActive(referralAlias, param(now));
    },
  };
}

/**
 * For in-memory checks on loaded concerns, and the basis a read rests on: every share of them in
 * force, oldest first — the receiving agency, and the basis as the audit trail names it
 * (`consent:<id>`, `statutory_duty`, `vital_interest`).
 */
export function concernSharesSql(now: string): string {
  return `SELECT "shares"."concern_id", "shares"."agency_id", "shares"."basis"
            FROM (SELECT "share"."concern_id", "share"."to_agency_id" AS agency_id,
                         CASE WHEN "share"."legal_basis" = 'consent' THEN 'consent:' || "share"."consent_id"
                              ELSE "share"."legal_basis"::text END AS basis,
                         "share"."created_at"
                    FROM referrals "share"
                   WHERE "share"."concern_id" = ANY($1) AND ${shareIsActive('share', now)}
                  UNION ALL
                  SELECT "alerted"."concern_id", "alerted"."agency_id", 'vital_interest', "alerted"."created_at"
                    FROM emergency_shares "alerted"
                    JOIN concerns "endangered" ON "endangered"."id" = "alerted"."concern_id"
                   WHERE "alerted"."concern_id" = ANY($1) AND "endangered"."risk_level" = 'immediate_danger') "shares"
           ORDER BY "shares"."created_at", "shares"."agency_id"`;
}

/** Virtual field of a consent: `referredTo` (an agency with an open referral resting on it). */
export function consentFields(consentAlias: string): Record<string, VirtualField> {
  return {
    referredTo: (agencyId, param) =>
      `"${consentAlias}"."id" = ANY(ARRAY(SELECT "onit"."consent_id" FROM referrals "onit" WHERE "onit"."to_agency_id" = ${param(agencyId)} AND "onit"."status" IN ('pending', 'accepted', 'in_progress')))`,
  };
}

/** Virtual field of a meeting: `participantIds` (a user invited to it). */
export function meetingFields(meetingAlias: string): Record<string, VirtualField> {
  return {
    participantIds: (userId, param) =>
      `"${meetingAlias}"."id" = ANY(ARRAY(SELECT "invited"."meeting_id" FROM meeting_participants "invited" WHERE "invited"."user_id" = ${param(userId)}))`,
  };
}

/**
 * Rule 6: the subjects (of `subjectAlias`) whose identity an agency's forum representative may
 * see — the agency holds a concern about them, an open referral on a basis that still holds was
 * made to it, or a consent in force covers it.
 */
export function agencyCoversSubjectSql(subjectAlias: string, agency: string, now: string): string {
  // Asked of each subject through its own indexes; scalar subqueries, which PostgreSQL never turns into a scan of the whole table.
  const subject = `"${subjectAlias}"."id"`;
  return `((SELECT TRUE FROM concerns "held" WHERE "held"."subject_id" = ${subject} AND "held"."owning_agency_id" = ${agency} LIMIT 1)
    OR (SELECT TRUE FROM referrals "sent" WHERE "sent"."subject_id" = ${subject} AND "sent"."to_agency_id" = ${agency} AND ${shareIsActive('sent', now)} LIMIT 1)
    OR (SELECT TRUE FROM consents "agreed" WHERE "agreed"."subject_id" = ${subject} AND ${agency} = ANY("agreed"."agency_ids") AND "agreed"."withdrawn_at" IS NULL AND ("agreed"."valid_until" IS NULL OR "agreed"."valid_until" > ${now}) LIMIT 1)) IS TRUE`;
}

/** Whether any of the caller's rules on concerns turns on what is shared with an agency: if none, shares need not be read. */
export function sharesMatterTo(ability: AppAbility): boolean {
  return ability
    .rulesFor('read', 'Concern')
    .some((rule) => rule.conditions !== undefined && 'sharedWith' in rule.conditions);
}
