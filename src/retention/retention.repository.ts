import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Bind, positionalBinder } from '../access/shares';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { OPEN_FOLLOW_UP_STATE } from '../follow-ups/follow-up-rules';
import { legalHoldIsActive } from '../legal-holds/legal-hold-rules';
import { RecordKind, RetentionPeriod, retentionPeriods } from '../privacy/retention-periods';
import { OPEN_REFERRAL_STATUSES, REFERRAL_OUTCOMES } from '../referrals/referral-vocabulary';
import { CLOSING_TRIAGE_OUTCOMES, subjectIsDueSql, subjectIsHeldSql } from './retention-sql';
import type { TriageOutcome } from '../concerns/concern-vocabulary';
import type { ReferralStatus } from '../referrals/referral-vocabulary';
import type { AuditAction } from '../audit/audit-actions';

/** A subject not yet anonymised: whether it is due, and whether a legal hold in force passes it by. */
export interface WindowSubject {
  id: string;
  due: boolean;
  held: boolean;
}

/** What keeps a subject's case open: the records, by kind, by id. */
export interface OpenRecords {
  concerns: string[];
  referrals: string[];
  followUps: string[];
}

/** A hold in force: what a refused erasure names. */
export interface HoldInForce {
  id: string;
  until: Date;
}

/** Counts per kind of record of the subjects' case records (notifications are counted apart: they name no subject). */
export type SubjectRecordCounts = Record<Exclude<RecordKind, 'notification'>, number>;

const REFER: TriageOutcome = 'refer';
const DECLINED: ReferralStatus = 'declined';
const CLOSED: ReferralStatus = 'closed';
const NEW_CONCERN = 'new';

/** The periods at their defaults: the shape the generated SQL is written for. */
const DEFAULT_PERIODS = retentionPeriods({
  CONCERN_CLOSED_RETENTION_MONTHS: 24,
  CONCERN_REFERRED_RETENTION_MONTHS: 60,
  REFERRAL_CLOSED_RETENTION_MONTHS: 60,
  REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS: 36,
  REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS: 120,
  CONSENT_ENDED_RETENTION_MONTHS: 36,
  MEETING_RECORD_RETENTION_MONTHS: 60,
  NOTIFICATION_RETENTION_MONTHS: 6,
  FOLLOW_UP_RETENTION_MONTHS: 36,
});

/** The records per kind (notifications apart) of the subjects `subjects` (SQL giving their ids) selects. */
function recordCountsSql(subjects: string, param: Bind): string {
  const closedBy = REFERRAL_OUTCOMES.map(
    (outcome) =>
      `count(*) FILTER (WHERE "r"."status" = ${param(CLOSED)} AND "r"."outcome" = ${param(outcome)})::int AS "referral_closed_${outcome}"`,
  ).join(',\n       ');
  const referrals = `SELECT "id" FROM referrals WHERE "subject_id" IN (${subjects})`;
  const items = `SELECT "ai"."id" FROM concerns "c" JOIN agenda_items "ai" ON "ai"."concern_id" = "c"."id"
      WHERE "c"."subject_id" IN (${subjects})
    UNION SELECT "ai"."id" FROM referrals "r" JOIN agenda_items "ai" ON "ai"."referral_id" = "r"."id"
      WHERE "r"."subject_id" IN (${subjects})`;
  return `SELECT
     (SELECT count(*)::int FROM concerns WHERE "subject_id" IN (${subjects})
       AND "triage_outcome" = ANY(${param(CLOSING_TRIAGE_OUTCOMES)})) AS "concern_closed_without_referral",
     (SELECT count(*)::int FROM concerns WHERE "subject_id" IN (${subjects})
       AND "triage_outcome" = ${param(REFER)}) AS "concern_closed_after_referral",
     "referrals".*,
     (SELECT count(*)::int FROM consents WHERE "subject_id" IN (${subjects})) AS "consent_ended",
     (SELECT count(*)::int FROM (${items}) "items") AS "meeting_agenda_and_minutes",
     (SELECT count(*)::int FROM (SELECT "f"."id" FROM follow_ups "f" WHERE "f"."referral_id" IN (${referrals})
       UNION SELECT "f"."id" FROM meeting_minutes "mm" JOIN follow_ups "f" ON "f"."minute_id" = "mm"."id"
         WHERE "mm"."agenda_item_id" IN (${items})) "follow_ups") AS "follow_up"
   FROM (SELECT count(*) FILTER (WHERE "r"."status" = ${param(DECLINED)})::int AS "referral_declined",
       ${closedBy}
     FROM referrals "r" WHERE "r"."subject_id" IN (${subjects})) "referrals"`;
}

/** A retention run as its audit event recorded it. */
export interface RecordedRun {
  occurredAt: Date;
  details: Record<string, unknown>;
}

/** The audit action a retention run records itself under. */
const RETENTION_RUN_ACTION: AuditAction = 'retention.run';

/**
 * Every query of retention and erasure: which subjects are due (one query, keyset by id), the row lock that keeps
 * two runs off one subject, what keeps a case open, and the anonymisation itself; and the last runs, from the trail.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The last `limit` retention runs, newest first, as their audit events recorded them (counts only). */
  @GenerateSql({ params: [DummyValue.tx, 20] })
  async recentRuns(tx: EntityManager, limit: number): Promise<RecordedRun[]> {
    const rows: { occurred_at: Date; details: Record<string, unknown> | null }[] = await tx.query(
      `SELECT "run"."occurred_at", "run"."details" FROM audit_events "run"
        WHERE "run"."action" = $1 ORDER BY "run"."occurred_at" DESC, "run"."id" DESC LIMIT $2`,
      [RETENTION_RUN_ACTION, limit],
    );
    return rows.map((row) => ({ occurredAt: row.occurred_at, details: row.details ?? {} }));
  }

  /**
   * The next `window` subjects not yet anonymised, by id after `after`, each with whether it is due at `now` and
   * whether a hold passes it by. The rule is judged per subject in the select list, so each check is a probe of
   * that subject's rows through an index (a set-wide anti-join would read whole tables for every window); the
   * keyset runs over the partial index of the subjects not yet anonymised.
   */
  @GenerateSql({ name: 'the first window', params: [DummyValue.tx, DEFAULT_PERIODS, DummyValue.DATE, null, 200] })
  @GenerateSql({
    name: 'a later window',
    params: [DummyValue.tx, DEFAULT_PERIODS, DummyValue.DATE, DummyValue.UUID, 200],
  })
  async subjectsWindow(
    tx: EntityManager,
    periods: readonly RetentionPeriod[],
    now: Date,
    after: string | null,
    window: number,
  ): Promise<WindowSubject[]> {
    const { param, values } = positionalBinder();
    // The window first, materialised, so that the planner judges each of its few subjects by index probes rather
    // than hashing whole tables for them.
    const rows: WindowSubject[] = await tx.query(
      `WITH "window" AS MATERIALIZED (
         SELECT "id" FROM subjects WHERE "anonymised_at" IS NULL ${after ? `AND "id" > ${param(after)}` : ''}
         ORDER BY "id" LIMIT ${param(window)})
       SELECT "s"."id", ${subjectIsDueSql(periods, now, param)} AS "due", ${subjectIsHeldSql(now, param)} AS "held"
       FROM "window" JOIN subjects "s" ON "s"."id" = "window"."id"
       ORDER BY "s"."id"`,
      values,
    );
    return rows;
  }

  /**
   * The dry run in one pass: the subjects due at `now` (the same rule, set-wide, so each table is read once), those
   * a hold passes by, and the records per kind of those the run would take.
   */
  @GenerateSql({ params: [DummyValue.tx, DEFAULT_PERIODS, DummyValue.DATE] })
  async dueReport(
    tx: EntityManager,
    periods: readonly RetentionPeriod[],
    now: Date,
  ): Promise<{ subjectsDue: number; subjectsHeld: number; records: SubjectRecordCounts }> {
    const { param, values } = positionalBinder();
    const due = `SELECT "s"."id", ${subjectIsHeldSql(now, param)} AS "held" FROM subjects "s"
       WHERE ${subjectIsDueSql(periods, now, param)}`;
    const [row]: (Record<string, number> & { subjects_due: number; subjects_held: number })[] = await tx.query(
      `WITH "due" AS MATERIALIZED (${due})
       SELECT (SELECT count(*)::int FROM "due" WHERE NOT "held") AS "subjects_due",
         (SELECT count(*)::int FROM "due" WHERE "held") AS "subjects_held", "counts".*
       FROM (${recordCountsSql(`SELECT "id" FROM "due" WHERE NOT "held"`, param)}) "counts"`,
      values,
    );
    const { subjects_due: subjectsDue, subjects_held: subjectsHeld, ...records } = row;
    return { subjectsDue, subjectsHeld, records: records as SubjectRecordCounts };
  }

  /**
   * Takes the subject's row lock if it is still due and not held at `now`, skipping it when another run holds it:
   * true when this transaction may anonymise it.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DEFAULT_PERIODS, DummyValue.DATE] })
  async lockIfDue(tx: EntityManager, id: string, periods: readonly RetentionPeriod[], now: Date): Promise<boolean> {
    const { param, values } = positionalBinder();
    const rows: unknown[] = await tx.query(
      `SELECT "s"."id" FROM subjects "s"
       WHERE "s"."id" = ${param(id)} AND ${subjectIsDueSql(periods, now, param)} AND NOT ${subjectIsHeldSql(now, param)}
       FOR UPDATE OF "s" SKIP LOCKED`,
      values,
    );
    return rows.length === 1;
  }

  /** Takes the subject's row lock for an erasure (waiting for a run that holds it): whether it is anonymised already. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async lockForErasure(tx: EntityManager, id: string): Promise<{ anonymised: boolean } | null> {
    const rows: { anonymised: boolean }[] = await tx.query(
      `SELECT "anonymised_at" IS NOT NULL AS "anonymised" FROM subjects WHERE "id" = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * What keeps the subject's case open: concerns not yet triaged, or to refer with no referral yet or one still
   * open; referrals pending, accepted or in progress; follow-ups still open (of its referrals, or minuted on an
   * agenda item about it).
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async openRecords(tx: EntityManager, subjectId: string): Promise<OpenRecords> {
    const { param, values } = positionalBinder();
    const subject = param(subjectId);
    const open = param(OPEN_REFERRAL_STATUSES);
    const rows: { kind: keyof OpenRecords; id: string }[] = await tx.query(
      `SELECT 'concerns' AS "kind", "c"."id" FROM concerns "c" WHERE "c"."subject_id" = ${subject}
         AND ("c"."status" = ${param(NEW_CONCERN)} OR ("c"."triage_outcome" = ${param(REFER)} AND (
           NOT EXISTS (SELECT 1 FROM referrals "r" WHERE "r"."concern_id" = "c"."id")
           OR EXISTS (SELECT 1 FROM referrals "r" WHERE "r"."concern_id" = "c"."id" AND "r"."status" = ANY(${open})))))
       UNION ALL
       SELECT 'referrals', "r"."id" FROM referrals "r" WHERE "r"."subject_id" = ${subject} AND "r"."status" = ANY(${open})
       UNION ALL
       SELECT 'followUps', "f"."id" FROM follow_ups "f" WHERE "f"."state" = ${param(OPEN_FOLLOW_UP_STATE)} AND (
         "f"."referral_id" IN (SELECT "id" FROM referrals WHERE "subject_id" = ${subject})
         OR "f"."minute_id" IN (SELECT "mm"."id" FROM meeting_minutes "mm" JOIN agenda_items "ai" ON "ai"."id" = "mm"."agenda_item_id"
           WHERE "ai"."concern_id" IN (SELECT "id" FROM concerns WHERE "subject_id" = ${subject})
              OR "ai"."referral_id" IN (SELECT "id" FROM referrals WHERE "subject_id" = ${subject})))
       ORDER BY 1, 2`,
      values,
    );
    const found: OpenRecords = { concerns: [], referrals: [], followUps: [] };
    for (const row of rows) found[row.kind].push(row.id);
    return found;
  }

  /** The subject's legal holds in force at `now` (not lifted, `until` ahead), latest end first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async holdsInForce(tx: EntityManager, subjectId: string, now: Date): Promise<HoldInForce[]> {
    const { param, values } = positionalBinder();
    const rows: { id: string; until: Date }[] = await tx.query(
      `SELECT "hold"."id", "hold"."until" FROM legal_holds "hold"
       WHERE "hold"."subject_id" = ${param(subjectId)} AND ${legalHoldIsActive.sql('hold', now, param)}
       ORDER BY "hold"."until" DESC`,
      values,
    );
    return rows;
  }

  /** How many case records of each kind these subjects have: what anonymising them treats. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async recordCounts(tx: EntityManager, subjectIds: string[]): Promise<SubjectRecordCounts> {
    const { param, values } = positionalBinder();
    const [row]: SubjectRecordCounts[] = await tx.query(
      recordCountsSql(`SELECT unnest(${param(subjectIds)}::uuid[])`, param),
      values,
    );
    return row;
  }

  /**
   * Anonymises one subject whose row this transaction has locked: the identity goes (the birth year stays), links
   * to other subjects are deleted, the free text of every case record about it is erased, and the dates kept for
   * statistics are truncated to the month. Ids, categories, risks, statuses and outcomes stay, so the statistics
   * and the audit trail (ids and pseudonyms only) still read.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async anonymise(tx: EntityManager, subjectId: string, now: Date): Promise<void> {
    const concerns = `SELECT "id" FROM concerns WHERE "subject_id" = $1`;
    const referrals = `SELECT "id" FROM referrals WHERE "subject_id" = $1`;
    const items = `SELECT "id" FROM agenda_items WHERE "concern_id" IN (${concerns}) OR "referral_id" IN (${referrals})`;
    const minutes = `SELECT "id" FROM meeting_minutes WHERE "agenda_item_id" IN (${items})`;
    const month = (column: string) => `"${column}" = date_trunc('month', "${column}")`;
    const erased = (column: string) => `"${column}" = CASE WHEN "${column}" IS NULL THEN NULL ELSE '' END`;
    const statements: [string, unknown[]][] = [
      [`DELETE FROM subject_links WHERE "subject_id" = $1 OR "other_subject_id" = $1`, [subjectId]],
      [
        `UPDATE meeting_minutes SET "decision" = '', ${month('recorded_at')} WHERE "agenda_item_id" IN (${items})`,
        [subjectId],
      ],
      [
        `UPDATE follow_ups SET "text" = '', ${month('created_at')}, ${month('due_at')}, ${month('remind_at')},
           ${month('closed_at')}
         WHERE "referral_id" IN (${referrals}) OR "minute_id" IN (${minutes})`,
        [subjectId],
      ],
      [
        `UPDATE agenda_items SET "title" = NULL, ${month('opened_at')}, ${month('created_at')} WHERE "id" IN (${items})`,
        [subjectId],
      ],
      [
        `UPDATE referral_notes SET "text" = '', ${month('created_at')} WHERE "referral_id" IN (${referrals})`,
        [subjectId],
      ],
      [
        `UPDATE referrals SET "reason" = '', ${erased('decline_reason')}, ${erased('outcome_note')}, ${month('created_at')},
           ${month('concern_created_at')}, ${month('ended_at')}, ${month('updated_at')},
           "review_date" = date_trunc('month', "review_date")::date
         WHERE "subject_id" = $1`,
        [subjectId],
      ],
      // A break-glass grant's words may name the child; the grant itself (who, when, on which reason code, how it
      // was reviewed) stays for the audit trail, whose events hold ids only.
      [
        `UPDATE break_glass_grants SET "justification" = '', ${erased('review_note')} WHERE "subject_id" = $1`,
        [subjectId],
      ],
      [`UPDATE emergency_shares SET ${month('created_at')} WHERE "concern_id" IN (${concerns})`, [subjectId]],
      [
        `UPDATE concerns SET "narrative" = '', ${erased('triage_note')}, ${month('created_at')}, ${month('triaged_at')},
           ${month('updated_at')}
         WHERE "subject_id" = $1`,
        [subjectId],
      ],
      [
        `UPDATE consents SET "purpose" = '', "guardian_name" = NULL, ${month('given_at')}, ${month('valid_until')},
           ${month('withdrawn_at')}, ${month('created_at')}
         WHERE "subject_id" = $1`,
        [subjectId],
      ],
      [`UPDATE legal_holds SET "reason" = '', ${erased('lift_reason')} WHERE "subject_id" = $1`, [subjectId]],
      [
        `UPDATE subjects SET "full_name" = NULL, "name_key" = NULL,
           "birth_year" = COALESCE("birth_year", EXTRACT(YEAR FROM "date_of_birth")), "date_of_birth" = NULL,
           "anonymised_at" = $2, ${month('created_at')}
         WHERE "id" = $1 AND "anonymised_at" IS NULL`,
        [subjectId, now],
      ],
    ];
    for (const [sql, parameters] of statements) await tx.query(sql, parameters);
  }

  /** How many notifications are past `months` at `now`. */
  @GenerateSql({ params: [DummyValue.tx, 6, DummyValue.DATE] })
  async countOldNotifications(tx: EntityManager, months: number, now: Date): Promise<number> {
    const [row]: { count: number }[] = await tx.query(
      `SELECT count(*)::int AS "count" FROM notifications WHERE "created_at" <= $1::timestamptz - make_interval(months => $2::int)`,
      [now, months],
    );
    return row.count;
  }

  /** Deletes up to `limit` notifications past `months` at `now` (oldest first): how many went. */
  @GenerateSql({ params: [DummyValue.tx, 6, DummyValue.DATE, 1000] })
  async deleteOldNotifications(tx: EntityManager, months: number, now: Date, limit: number): Promise<number> {
    const [, deleted] = await tx.query<[unknown[], number]>(
      `DELETE FROM notifications WHERE "id" IN (
         SELECT "id" FROM notifications WHERE "created_at" <= $1::timestamptz - make_interval(months => $2::int)
         ORDER BY "created_at" LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [now, months, limit],
    );
    return deleted;
  }
}
