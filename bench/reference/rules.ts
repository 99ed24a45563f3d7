/**
 * The access rules of src/access/ability.ts and src/access/shares.ts, hand-written as SQL and as plain
 * functions. Every statement takes the same first parameters: $1 the caller, $2 their agency, $3 their
 * districts, $4 the concerns their break-glass grants open, $5 now. A rule the caller's roles do not give
 * is left out of the SQL text, so each set of roles gets statements of its own (prepared once per connection).
 */
import { Actor, Standing } from './actor';

export const COMMON_PARAMS = 5;

/**
 * Names the types of the common parameters, for statements that leave some of them unused (PostgreSQL cannot
 * guess those). An unused CTE costs nothing: the planner drops it. Put it first in the statement's WITH.
 */
export const TYPED_PARAMS = `typed_params AS (SELECT $1::uuid, $2::uuid, $3::uuid[], $4::uuid[], $5::timestamptz)`;

export const commonParams = (actor: Actor, now: Date) => [
  actor.id,
  actor.agencyId,
  actor.districtIds,
  actor.breakGlass.map((grant) => grant.concernId),
  now,
];

const OPEN = `('pending', 'accepted', 'in_progress')`;

/** A referral shares its concern while it is open and its basis holds (shareIsActive). */
export const shareActive = (r: string) =>
  `(${r}.status IN ${OPEN} AND (${r}.legal_basis <> 'consent' OR EXISTS (SELECT 1 FROM consents basis WHERE basis.id = ${r}.consent_id AND basis.withdrawn_at IS NULL AND (basis.valid_until IS NULL OR basis.valid_until > $5))))`;

/** The concern is shared with the caller's agency: a referral to it, or an emergency share while the danger lasts. */
export const sharedWithAgency = (c: string) =>
  `(EXISTS (SELECT 1 FROM referrals sr WHERE sr.concern_id = ${c}.id AND sr.to_agency_id = $2 AND ${shareActive('sr')})
    OR (${c}.risk_level = 'immediate_danger' AND EXISTS (SELECT 1 FROM emergency_shares es WHERE es.concern_id = ${c}.id AND es.agency_id = $2)))`;

/** Rule 5's exception: an open referral on vital interest opens a police concern to the district's coordinators. */
export const vitalInterest = (c: string) =>
  `(EXISTS (SELECT 1 FROM agencies va WHERE va.id = ${c}.owning_agency_id AND va.kind = 'police')
    AND EXISTS (SELECT 1 FROM referrals vr WHERE vr.concern_id = ${c}.id AND vr.legal_basis = 'vital_interest' AND ${shareActive('vr')}))`;

const anyOf = (parts: (string | false)[]) => {
  const kept = parts.filter((part): part is string => Boolean(part));
  return kept.length === 0 ? 'FALSE' : `(${kept.join(' OR ')})`;
};

/** The caller may read the concern at all (a stub or in full). */
export function concernVisible(who: Standing, c: string): string {
  return anyOf([
    who.author && `${c}.reporter_id = $1`,
    who.sharesReader && sharedWithAgency(c),
    who.caseWorker && `${c}.owning_agency_id = $2`,
    who.coordinator && `${c}.district_id = ANY($3)`,
    who.coordinator && `${c}.id = ANY($4)`,
  ]);
}

/** The caller may read the concern in full, identity included (the rules that grant `subject`). */
export function concernReadableInFull(who: Standing, c: string): string {
  return anyOf([
    who.author && `${c}.reporter_id = $1`,
    who.sharesReader && sharedWithAgency(c),
    who.caseWorker && `${c}.owning_agency_id = $2`,
    who.coordinator && `(${c}.district_id = ANY($3) AND (${c}.classification = 'coordination' OR ${vitalInterest(c)}))`,
    who.coordinator && `${c}.id = ANY($4)`,
  ]);
}

/** The caller may know the concern exists, for agendas: their own rights, or their agency's (concernKnownSql). */
export function concernKnown(who: Standing, c: string): string {
  if (who.oversight) return 'FALSE';
  return anyOf([concernVisible(who, c), `${c}.owning_agency_id = $2`, sharedWithAgency(c)]);
}

/** The caller may see who the subject is (subjectAccessSql's identity). */
export function subjectIdentified(who: Standing, s: string): string {
  return anyOf([
    who.author && `${s}.created_by_id = $1`,
    who.caseWorker && `${s}.created_by_agency_id = $2`,
    `EXISTS (SELECT 1 FROM concerns ic WHERE ic.subject_id = ${s}.id AND ${concernReadableInFull(who, 'ic')})`,
  ]);
}

/** The caller may know the subject exists (subjectAccessSql's visible). */
export function subjectVisible(who: Standing, s: string): string {
  return anyOf([
    who.author && `${s}.created_by_id = $1`,
    who.caseWorker && `${s}.created_by_agency_id = $2`,
    who.coordinator && `${s}.district_id = ANY($3)`,
    `EXISTS (SELECT 1 FROM concerns vc WHERE vc.subject_id = ${s}.id AND ${concernVisible(who, 'vc')})`,
  ]);
}

/** Rule 6: the caller's agency has a basis for the subject's identity (agencyCoversSubjectSql). */
export function agencyCoversSubject(s: string): string {
  return `(EXISTS (SELECT 1 FROM concerns held WHERE held.subject_id = ${s}.id AND held.owning_agency_id = $2)
    OR ${s}.id IN (SELECT sent.subject_id FROM referrals sent WHERE sent.to_agency_id = $2 AND ${shareActive('sent')})
    OR EXISTS (SELECT 1 FROM consents agreed WHERE agreed.subject_id = ${s}.id AND $2 = ANY(agreed.agency_ids)
                AND agreed.withdrawn_at IS NULL AND (agreed.valid_until IS NULL OR agreed.valid_until > $5)))`;
}

/** The oldest share of the concern with the caller's agency, as the audit trail names its basis; null if none. */
export function agencyShareBasis(who: Standing, c: string): string {
  if (!who.sharesReader) return 'NULL::text';
  return `(SELECT shares.basis FROM (
             SELECT CASE WHEN br.legal_basis = 'consent' THEN 'consent:' || br.consent_id ELSE br.legal_basis::text END AS basis, br.created_at
               FROM referrals br WHERE br.concern_id = ${c}.id AND br.to_agency_id = $2 AND ${shareActive('br')}
             UNION ALL
             SELECT 'vital_interest', be.created_at FROM emergency_shares be
              WHERE be.concern_id = ${c}.id AND be.agency_id = $2 AND ${c}.risk_level = 'immediate_danger') shares
           ORDER BY shares.created_at LIMIT 1)`;
}

/** Whether rule 5's exception holds for the row: only coordinators' reads depend on it. */
export function vitalInterestColumn(who: Standing, c: string): string {
  return who.coordinator ? vitalInterest(c) : 'FALSE';
}

/** What a concern row tells the field rules. */
export interface ConcernFacts {
  id: string;
  reporter_id: string;
  owning_agency_id: string;
  district_id: string;
  classification: string;
  /** The basis of the oldest share with the caller's agency (agencyShareBasis), or null. */
  share_basis: string | null;
  vital_interest: boolean;
}

export interface Readable {
  visible: boolean;
  full: boolean;
  triage: boolean;
}

/** Which of a concern's fields the caller may read: the stub, the whole, the coordinators' triage. */
export function readable(who: Standing, actor: Actor, concern: ConcernFacts): Readable {
  const inDistrict = who.coordinator && actor.districtIds.includes(concern.district_id);
  const full =
    (who.author && concern.reporter_id === actor.id) ||
    (who.sharesReader && concern.share_basis !== null) ||
    (who.caseWorker && concern.owning_agency_id === actor.agencyId) ||
    (inDistrict && (concern.classification === 'coordination' || concern.vital_interest)) ||
    (who.coordinator && actor.breakGlass.some((grant) => grant.concernId === concern.id));
  return { visible: full || inDistrict, full, triage: inDistrict };
}

/**
 * The basis a read rests on, for the audit event (src/concerns/read-basis.ts): null where the caller's own
 * standing shows them as much; else their agency's share, or vital interest.
 */
export function readBasis(who: Standing, actor: Actor, concern: ConcernFacts): string | null {
  const own = readable(who, actor, { ...concern, share_basis: null, vital_interest: false }).full;
  if (own || !readable(who, actor, concern).full) return null;
  if (concern.share_basis && readable(who, actor, { ...concern, vital_interest: false }).full) {
    return concern.share_basis;
  }
  return 'vital_interest';
}
