import type { AgencyKind } from '../agencies/agency-kind';
import type { Concern } from '../concerns/concern.entity';
import type { Consent } from '../consents/consent.entity';
import { EMERGENCY_RISK_LEVEL } from '../concerns/concern-vocabulary';
import { LegalBasis, OPEN_REFERRAL_STATUSES } from '../referrals/referral-vocabulary';
import { AppAbility } from './ability';
import { AccessSql, AccessTarget, VirtualField } from './access-sql';

/**
 * The share rules (DESIGN rules 4 and 5), each written once: as SQL for the queries that filter by
 * them, and — where a loaded record is checked in memory — as the value of the same virtual field,
 * from the same definition. Every word of the vocabulary (open statuses, the consent basis, immediate
 * danger, the agency kind whose notes vital interest opens) is bound as a parameter, never typed into
 * the SQL, so changing a list in its vocabulary file changes every query that uses it.
 */

/** Binds a value as a query parameter and answers its placeholder. */
export type Bind = (value: unknown) => string;

let binderCount = 0;

/** A fresh binder with parameter names of its own, for SQL written outside an access rule. */
export function binder(prefix = 'share'): { param: Bind; params: Record<string, unknown> } {
  const name = `${prefix}${binderCount++}`;
  const params: Record<string, unknown> = {};
  let count = 0;
  return {
    params,
    param: (value) => {
      const key = `${name}_${count++}`;
      params[key] = value;
      return `:${key}`;
    },
  };
}

/** A binder that numbers its placeholders ($1, $2, …) and appends the values to `values`: for `query(sql, values)`. */
export function positionalBinder(values: unknown[] = []): { param: Bind; values: unknown[] } {
  return {
    values,
    param: (value) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/**
 * A rule about one row, written once: `sql` is the condition on the row of `alias` (its other
 * input bound through `param`), `holds` the same condition on a loaded row. Queries use the first,
 * views and in-memory checks the second, so the two cannot drift apart.
 */
export interface RowRule<Row, Input> {
  sql(alias: string, input: Input, param: Bind): string;
  holds(row: Row, input: Input): boolean;
}

/**
 * A consent in force at `now`: neither withdrawn nor past its end. A referral on the consent basis
 * shares its concern only while its consent is in force (DESIGN rule 4); an agency a consent in
 * force covers may see the subject's identity at a forum (rule 6); a consent no longer in force
 * closes the referrals resting on it.
 */
export const consentInForce: RowRule<Pick<Consent, 'withdrawnAt' | 'validUntil'>, Date> = {
  sql: (consent, now, param) =>
    `("${consent}"."withdrawn_at" IS NULL AND ("${consent}"."valid_until" IS NULL OR "${consent}"."valid_until" > ${param(now)}))`,
  holds: (consent, now) =>
    !consent.withdrawnAt && (!consent.validUntil || consent.validUntil.getTime() > now.getTime()),
};

/** The basis that needs a consent in force. */
const CONSENT_BASIS: LegalBasis = 'consent';

/** The agency kinds whose concerns an open vital-interest referral opens to the district's coordinators (rule 5's exception). */
export const VITAL_INTEREST_OWNER_KINDS: readonly AgencyKind[] = ['police'];

/** The referral (of `referral`) is still open: it shares its concern and can still move. */
export function referralIsOpen(referral: string, param: Bind): string {
  return `"${referral}"."status" = ANY(${param(OPEN_REFERRAL_STATUSES)})`;
}

/**
 * When a referral shares a concern (DESIGN rule 4): while it is open, and — where it rests
 * on consent — while that consent is neither withdrawn nor expired at `now`. `now` comes
 * from the application's clock, so expiry takes effect from the next request on.
 */
export function shareIsActive(referral: string, now: Date, param: Bind): string {
  return `(${referralIsOpen(referral, param)} AND ${basisIsActive(referral, now, param)})`;
}

/** The legal basis still holds: not consent, or a consent in force. */
export function basisIsActive(referral: string, now: Date, param: Bind): string {
  // A scalar subquery, not EXISTS: always one primary-key look-up per referral, never a hash of every consent.
  return `("${referral}"."legal_basis" <> ${param(CONSENT_BASIS)} OR (SELECT ${consentInForce.sql('basis', now, param)} FROM consents "basis" WHERE "basis"."id" = "${referral}"."consent_id") IS TRUE)`;
}

/**
 * Rule 4 on vital interest, without a referral: a concern raised to immediate danger is open to
 * the police agency its district names for emergencies (an emergency share), while the danger
 * is immediate. Lowering the risk closes it; raising it again reopens it.
 */
function emergencyShareHolds(concernAlias: string, agency: string, param: Bind): string {
  return `("${concernAlias}"."risk_level" = ${param(EMERGENCY_RISK_LEVEL)} AND "${concernAlias}"."id" = ANY(ARRAY(SELECT "alerted"."concern_id" FROM emergency_shares "alerted" WHERE "alerted"."agency_id" = ${agency})))`;
}

/** An open referral to `agency` shares this concern on a basis that still holds: one index look-up per concern checked. */
function referralShareHolds(concernAlias: string, agency: string, now: Date, param: Bind): string {
  return `EXISTS (SELECT 1 FROM referrals "share" WHERE "share"."concern_id" = "${concernAlias}"."id" AND "share"."to_agency_id" = ${agency} AND ${shareIsActive('share', now, param)})`;
}

/**
 * A virtual field of a record: a fact about related rows that access rules name as if it were a
 * field. `sql` is the condition for queries; `valueOf` the field's value on a loaded record, for
 * CASL's in-memory checks. Both live in one definition, so they cannot drift apart.
 */
export interface VirtualFieldDefinition<Row> {
  sql(alias: string, now: Date): VirtualField;
  valueOf(row: Row): unknown;
}

/** A concern as loaded for the field checks: its owner's kind, and the agencies its shares in force reach. */
export type LoadedConcern = Pick<Concern, 'referredOnVitalInterest' | 'owningAgency' | 'sharedWith'>;

/**
 * The virtual fields of a concern: `sharedWith` (an agency an open referral on a basis that holds, or
 * an emergency share, shares it with) and `vitalInterest` (an open vital-interest referral opens a
 * police concern to the district's coordinators). As SQL each is a condition on the concern's own row
 * through an index; in memory, `sharedWith` is the list `concernSharesQuery` loads.
 */
export const CONCERN_VIRTUAL_FIELDS: Record<'sharedWith' | 'vitalInterest', VirtualFieldDefinition<LoadedConcern>> = {
  sharedWith: {
    sql: (alias, now) => (agencyId, param) => {
      const agency = param(agencyId);
      return `(${referralShareHolds(alias, agency, now, param)} OR ${emergencyShareHolds(alias, agency, param)})`;
    },
    valueOf: (concern) => concern.sharedWith ?? [],
  },
  vitalInterest: {
    sql: (alias) => (expected, param) => {
      if (expected !== true) throw new Error('access rule: vitalInterest can only be required');
      // Kept on the concern by the referral lifecycle: an open vital-interest referral needs no consent, so it holds while open.
      // Asked of the concern's own row, not of every concern of such an agency.
      return `("${alias}"."referred_on_vital_interest" AND "${alias}"."owning_agency_id" = ANY(ARRAY(SELECT "owner"."id" FROM agencies "owner" WHERE "owner"."kind" = ANY(${param(VITAL_INTEREST_OWNER_KINDS)}))))`;
    },
    valueOf: (concern) =>
      concern.referredOnVitalInterest &&
      concern.owningAgency !== undefined &&
      VITAL_INTEREST_OWNER_KINDS.includes(concern.owningAgency.kind),
  },
};

/** The values of a concern's virtual fields, for the in-memory checks (CASL), from their definitions. */
export function concernVirtualValues(concern: LoadedConcern): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(CONCERN_VIRTUAL_FIELDS).map(([field, definition]) => [field, definition.valueOf(concern)]),
  );
}

/**
 * Virtual fields of a concern for the access rules, as conditions on the concern's own row, each an
 * index look-up: for reading one concern or checking a few. Lists read the shares as branches of
 * their own (`concernShareBranches`), never by testing every concern.
 */
export function concernShareFields(concernAlias: string, now: Date): Record<string, VirtualField> {
  return Object.fromEntries(
    Object.entries(CONCERN_VIRTUAL_FIELDS).map(([field, definition]) => [field, definition.sql(concernAlias, now)]),
  );
}

/**
 * The concerns shared with an agency, for a list read rule by rule: its open referrals in the
 * order of their concerns' creation (each referral keeps a copy of it, with an index), so a page
 * reads a page of shares however many the agency holds; and its emergency shares, which are few.
 * The same two shares as `CONCERN_VIRTUAL_FIELDS.sharedWith`.
 */
export function concernShareBranches(concernAlias: string, now: Date): AccessTarget['branches'] {
  return {
    sharedWith: (agencyId, param) => {
      const agency = param(agencyId);
      return [
        {
          sql: `"share"."to_agency_id" = ${agency} AND ${shareIsActive('share', now, param)}`,
          params: {},
          via: {
            table: 'referrals',
            alias: 'share',
            on: `"share"."concern_id" = "${concernAlias}"."id"`,
            key: 'concern_created_at',
            id: 'concern_id',
          },
        },
        { sql: emergencyShareHolds(concernAlias, agency, param), params: {} },
      ];
    },
  };
}

/** A share in force of a concern: the receiving agency and the legal basis (and consent) it rests on. */
export interface ShareRow {
  concern_id: string;
  agency_id: string;
  legal_basis: LegalBasis;
  consent_id: string | null;
}

/**
 * For in-memory checks on loaded concerns (`sharedWith`) and the basis a read rests on: every share
 * of them in force, oldest first — the same shares as `CONCERN_VIRTUAL_FIELDS.sharedWith`.
 */
export function concernSharesQuery(concernIds: string[], now: Date): AccessSql {
  const { param, params } = binder('shares');
  const ids = param(concernIds);
  const sql = `SELECT "shares"."concern_id", "shares"."agency_id", "shares"."legal_basis", "shares"."consent_id"
            FROM (SELECT "share"."concern_id", "share"."to_agency_id" AS agency_id, "share"."legal_basis",
                         "share"."consent_id", "share"."created_at"
                    FROM referrals "share"
                   WHERE "share"."concern_id" = ANY(${ids}) AND ${shareIsActive('share', now, param)}
                  UNION ALL
                  SELECT "alerted"."concern_id", "alerted"."agency_id", "alerted"."legal_basis", NULL, "alerted"."created_at"
                    FROM emergency_shares "alerted"
                    JOIN concerns "endangered" ON "endangered"."id" = "alerted"."concern_id"
                   WHERE "alerted"."concern_id" = ANY(${ids}) AND "endangered"."risk_level" = ${param(EMERGENCY_RISK_LEVEL)}) "shares"
           ORDER BY "shares"."created_at", "shares"."agency_id"`;
  return { sql, params };
}

/** Virtual field of a referral: `shareActive` (true): open, on a basis that still holds. */
export function referralShareFields(referralAlias: string, now: Date): Record<string, VirtualField> {
  return {
    shareActive: (expected, param) => {
      if (expected !== true) throw new Error('access rule: shareActive can only be required');
      return shareIsActive(referralAlias, now, param);
    },
  };
}

/** Virtual field of a consent: `referredTo` (an agency with an open referral resting on it). */
export function consentFields(consentAlias: string): Record<string, VirtualField> {
  return {
    referredTo: (agencyId, param) =>
      `"${consentAlias}"."id" = ANY(ARRAY(SELECT "onit"."consent_id" FROM referrals "onit" WHERE "onit"."to_agency_id" = ${param(agencyId)} AND ${referralIsOpen('onit', param)}))`,
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
export function agencyCoversSubjectSql(subjectAlias: string, agencyId: string, now: Date): AccessSql {
  const { param, params } = binder('covers');
  const agency = param(agencyId);
  // Asked of each subject through its own indexes; scalar subqueries, which PostgreSQL never turns into a scan of the whole table.
  const subject = `"${subjectAlias}"."id"`;
  const sql = `((SELECT TRUE FROM concerns "held" WHERE "held"."subject_id" = ${subject} AND "held"."owning_agency_id" = ${agency} LIMIT 1)
    OR (SELECT TRUE FROM referrals "sent" WHERE "sent"."subject_id" = ${subject} AND "sent"."to_agency_id" = ${agency} AND ${shareIsActive('sent', now, param)} LIMIT 1)
    OR (SELECT TRUE FROM consents "agreed" WHERE "agreed"."subject_id" = ${subject} AND ${agency} = ANY("agreed"."agency_ids") AND ${consentInForce.sql('agreed', now, param)} LIMIT 1)) IS TRUE`;
  return { sql, params };
}

/** Whether any of the caller's rules on concerns turns on what is shared with an agency: if none, shares need not be read. */
export function sharesMatterTo(ability: AppAbility): boolean {
  return ability
    .rulesFor('read', 'Concern')
    .some((rule) => rule.conditions !== undefined && 'sharedWith' in rule.conditions);
}
