import { VirtualField } from './access-sql';

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
  return `("${referral}"."legal_basis" <> 'consent' OR EXISTS (SELECT 1 FROM consents "basis" WHERE "basis"."id" = "${referral}"."consent_id" AND "basis"."withdrawn_at" IS NULL AND ("basis"."valid_until" IS NULL OR "basis"."valid_until" > ${now})))`;
}

/**
 * Rule 4 on vital interest, without a referral: a concern raised to immediate danger is open to
 * the police agency its district names for emergencies (an emergency share), while the danger
 * is immediate. Lowering the risk closes it; raising it again reopens it.
 */
export function emergencyShareHolds(concernAlias: string, agency: string): string {
  return `("${concernAlias}"."risk_level" = 'immediate_danger' AND "${concernAlias}"."id" = ANY(ARRAY(SELECT "alerted"."concern_id" FROM emergency_shares "alerted" WHERE "alerted"."agency_id" = ${agency})))`;
}

/**
 * Virtual fields of a concern for the access rules: `sharedWith` (an agency id) and
 * `vitalInterest` (true). Written as `id = ANY(ARRAY(uncorrelated subquery))` so PostgreSQL
 * computes the shared ids once and can OR them with the other rules through indexes,
 * instead of testing every concern (which the filtering test would catch).
 */
export function concernShareFields(concernAlias: string, now: Date): Record<string, VirtualField> {
  const sharedIds = (condition: string, nowParam: string) =>
    `"${concernAlias}"."id" = ANY(ARRAY(SELECT "share"."concern_id" FROM referrals "share" WHERE ${condition} AND ${shareIsActive('share', nowParam)}))`;
  // Rule 5's exception is for police notes only.
  const policeOwned = `"share"."concern_id" IN (SELECT "owned"."id" FROM concerns "owned" JOIN agencies "owner" ON "owner"."id" = "owned"."owning_agency_id" WHERE "owner"."kind" = 'police')`;
  return {
    sharedWith: (agencyId, param) => {
      const agency = param(agencyId);
      return `(${sharedIds(`"share"."to_agency_id" = ${agency}`, param(now))} OR ${emergencyShareHolds(concernAlias, agency)})`;
    },
    vitalInterest: (expected, param) => {
      if (expected !== true) throw new Error('access rule: vitalInterest can only be required');
      return sharedIds(`"share"."legal_basis" = 'vital_interest' AND ${policeOwned}`, param(now));
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
 * force, oldest first — the receiving agency; the basis as the audit trail names it
 * (`consent:<id>`, `statutory_duty`, `vital_interest`); and whether it is a referral on vital
 * interest (which opens police notes to the district's coordinators; an emergency share does not).
 */
export function concernSharesSql(now: string): string {
  return `SELECT "shares"."concern_id", "shares"."agency_id", "shares"."basis", "shares"."referred_on_vital_interest"
            FROM (SELECT "share"."concern_id", "share"."to_agency_id" AS agency_id,
                         CASE WHEN "share"."legal_basis" = 'consent' THEN 'consent:' || "share"."consent_id"
                              ELSE "share"."legal_basis"::text END AS basis,
                         "share"."legal_basis" = 'vital_interest' AS referred_on_vital_interest,
                         "share"."created_at"
                    FROM referrals "share"
                   WHERE "share"."concern_id" = ANY($1) AND ${shareIsActive('share', now)}
                  UNION ALL
                  SELECT "alerted"."concern_id", "alerted"."agency_id", 'vital_interest', FALSE, "alerted"."created_at"
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
  return `("${subjectAlias}"."id" IN (SELECT "held"."subject_id" FROM concerns "held" WHERE "held"."owning_agency_id" = ${agency})
    OR "${subjectAlias}"."id" IN (SELECT "sent"."subject_id" FROM referrals "sent" WHERE "sent"."to_agency_id" = ${agency} AND ${shareIsActive('sent', now)})
    OR "${subjectAlias}"."id" IN (SELECT "agreed"."subject_id" FROM consents "agreed" WHERE ${agency} = ANY("agreed"."agency_ids") AND "agreed"."withdrawn_at" IS NULL AND ("agreed"."valid_until" IS NULL OR "agreed"."valid_until" > ${now})))`;
}
