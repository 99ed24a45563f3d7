import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, paginate } from '../database/pagination';
import { AccessFlag, FlagKind } from './access-flag.entity';
import { AuditOutcome } from './audit-event.entity';
import { FlagQuery } from './dto/audit.dto';

/** Events that touch a person's records, as opposed to logins or directory changes. */
const CASE_ACCESS = `e."subject_id" IS NOT NULL AND e."actor_id" IS NOT NULL`;

/**
 * The unusual-access rules, each one INSERT … SELECT over the trail's recent window; a flag is
 * unique per kind, user and window, so running twice (or on two workers) flags once.
 * $1 and $2 bound the window, $3 is the rule's kind and $4 the outcome of the events it counts
 * (RULE_OUTCOMES); $5 is the counting rules' threshold, $6 the working hours' time zone, $7 and $8
 * their start and end (HH:MM), null where a rule has none: each flag keeps what it was judged by.
 * No word of the vocabulary is typed in.
 */
const RULES: Record<FlagKind, string> = {
  // More distinct subjects in an hour than anyone's work needs.
  many_subjects: `
    SELECT $3::access_flag_kind, e."actor_id", date_trunc('hour', e."occurred_at"), date_trunc('hour', e."occurred_at") + interval '1 hour',
           count(DISTINCT e."subject_id")
      FROM audit_events e
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = $4 AND ${CASE_ACCESS}
     GROUP BY e."actor_id", date_trunc('hour', e."occurred_at")
    HAVING count(DISTINCT e."subject_id") > $5::int`,
  // Reads of people's records on a weekend or outside working hours, in the city's time zone.
  out_of_hours: `
    SELECT $3::access_flag_kind, e."actor_id", date_trunc('day', e."occurred_at" AT TIME ZONE $6) AT TIME ZONE $6,
           (date_trunc('day', e."occurred_at" AT TIME ZONE $6) + interval '1 day') AT TIME ZONE $6, count(*)
      FROM audit_events e
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = $4 AND ${CASE_ACCESS}
       AND (extract(isodow FROM e."occurred_at" AT TIME ZONE $6) > 5
            OR (e."occurred_at" AT TIME ZONE $6)::time < $7::varchar::time
            OR (e."occurred_at" AT TIME ZONE $6)::time >= $8::varchar::time)
     GROUP BY e."actor_id", date_trunc('day', e."occurred_at" AT TIME ZONE $6)`,
  // Records of subjects outside every district the user works in (users with districts only).
  outside_districts: `
    SELECT $3::access_flag_kind, e."actor_id", date_trunc('day', e."occurred_at"), date_trunc('day', e."occurred_at") + interval '1 day',
           count(*)
      FROM audit_events e
      JOIN subjects s ON s."id" = e."subject_id"
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = $4 AND ${CASE_ACCESS}
       AND EXISTS (SELECT 1 FROM user_districts d WHERE d."user_id" = e."actor_id")
       AND NOT EXISTS (SELECT 1 FROM user_districts d WHERE d."user_id" = e."actor_id" AND d."district_id" = s."district_id")
     GROUP BY e."actor_id", date_trunc('day', e."occurred_at")`,
  // Knocking on doors: refusals in an hour beyond ordinary mistakes.
  repeated_refusals: `
    SELECT $3::access_flag_kind, e."actor_id", date_trunc('hour', e."occurred_at"), date_trunc('hour', e."occurred_at") + interval '1 hour',
           count(*)
      FROM audit_events e
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = $4 AND e."actor_id" IS NOT NULL
     GROUP BY e."actor_id", date_trunc('hour', e."occurred_at")
    HAVING count(*) >= $5::int`,
};

/** Which events each rule counts: accesses that were allowed, or refusals. */
const RULE_OUTCOMES: Record<FlagKind, AuditOutcome> = {
  many_subjects: 'allowed',
  out_of_hours: 'allowed',
  outside_districts: 'allowed',
  repeated_refusals: 'denied',
};

/** What each rule is given besides the window. */
export interface FlagThresholds {
  subjectsPerHour: number;
  refusalsPerHour: number;
  timeZone: string;
  workingHours: [start: string, end: string];
}

/** Representative thresholds, for the generated SQL only. */
const DUMMY_THRESHOLDS: FlagThresholds = {
  subjectsPerHour: 30,
  refusalsPerHour: 10,
  timeZone: 'Europe/Oslo',
  workingHours: ['07:00', '18:00'],
};

/** The access flags: written by the worker's rules, read by the auditor. */
@Injectable()
export class AccessFlagsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Flags, newest first, if the caller may read the trail. */
  @GenerateSql({
    name: 'as an auditor',
    params: [DummyValue.tx, DummyValue.caller.auditor, { limit: DummyValue.NUMBER }],
  })
  @GenerateSql({
    name: 'by kind and user',
    params: [
      DummyValue.tx,
      DummyValue.caller.auditor,
      { limit: DummyValue.NUMBER, kind: 'out_of_hours', userId: DummyValue.UUID },
    ],
  })
  @GenerateSql({ name: 'as an admin', params: [DummyValue.tx, DummyValue.caller.admin, { limit: DummyValue.NUMBER }] })
  page(tx: EntityManager, ability: AppAbility, query: FlagQuery): Promise<Page<AccessFlag>> {
    const access = accessSql(ability, 'read', 'AuditEvent', { alias: 'flag', columns: {} });
    const builder = tx.getRepository(AccessFlag).createQueryBuilder('flag').where(access.sql, access.params);
    if (query.kind) builder.andWhere('flag.kind = :kind', { kind: query.kind });
    if (query.userId) builder.andWhere('flag.userId = :userId', { userId: query.userId });
    return paginate(builder, query, {
      column: 'createdAt',
      direction: 'DESC',
      keyOf: (flag) => flag.createdAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /**
   * Runs one rule over [since, until): flags what it finds (a window already flagged keeps its
   * flag, with the count brought up to date). Returns how many flags are new.
   */
  @GenerateSql({
    name: 'many_subjects',
    params: [DummyValue.tx, 'many_subjects', DummyValue.DATE, DummyValue.DATE, DUMMY_THRESHOLDS],
  })
  @GenerateSql({
    name: 'out_of_hours',
    params: [DummyValue.tx, 'out_of_hours', DummyValue.DATE, DummyValue.DATE, DUMMY_THRESHOLDS],
  })
  @GenerateSql({
    name: 'outside_districts',
    params: [DummyValue.tx, 'outside_districts', DummyValue.DATE, DummyValue.DATE, DUMMY_THRESHOLDS],
  })
  @GenerateSql({
    name: 'repeated_refusals',
    params: [DummyValue.tx, 'repeated_refusals', DummyValue.DATE, DummyValue.DATE, DUMMY_THRESHOLDS],
  })
  async flag(
    tx: EntityManager | null,
    kind: FlagKind,
    since: Date,
    until: Date,
    thresholds: FlagThresholds,
  ): Promise<number> {
    const none = { threshold: null, timeZone: null, workingHours: [null, null] };
    const judgedBy: Record<FlagKind, { threshold: number | null; timeZone: string | null; workingHours: unknown[] }> = {
      many_subjects: { ...none, threshold: thresholds.subjectsPerHour },
      out_of_hours: { ...none, timeZone: thresholds.timeZone, workingHours: thresholds.workingHours },
      outside_districts: none,
      repeated_refusals: { ...none, threshold: thresholds.refusalsPerHour },
    };
    const { threshold, timeZone, workingHours } = judgedBy[kind];
    // A window flagged again keeps its count up to date, and what it is now judged by.
    const rows: { inserted: boolean }[] = await (tx ?? this.dataSource.manager).query(
      `INSERT INTO access_flags ("kind", "user_id", "window_start", "window_end", "count", "threshold", "time_zone", "working_hours_start", "working_hours_end")
       SELECT rule.*, $5::int, $6::text, $7::varchar, $8::varchar FROM (${RULES[kind]}) rule
       ON CONFLICT ("kind", "user_id", "window_start") DO UPDATE
          SET "count" = EXCLUDED."count", "threshold" = EXCLUDED."threshold", "time_zone" = EXCLUDED."time_zone",
              "working_hours_start" = EXCLUDED."working_hours_start", "working_hours_end" = EXCLUDED."working_hours_end"
       WHERE access_flags."count" <> EXCLUDED."count"
       RETURNING (xmax = 0) AS inserted`,
      [since, until, kind, RULE_OUTCOMES[kind], threshold, timeZone, ...workingHours],
    );
    return rows.filter((row) => row.inserted).length;
  }
}

export const FLAG_KINDS_IN_ORDER = Object.keys(RULES) as FlagKind[];
