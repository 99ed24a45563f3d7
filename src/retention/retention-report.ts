import type { EntityManager } from 'typeorm';
import { CASE_RECORD_RETENTION_VARIABLES, CaseRecordRetentionVariable, Environment } from '../config/environment';
import { RECORD_KINDS, RecordKind, RetentionPeriod, retentionPeriods } from '../privacy/retention-periods';
import type { RetentionRepository, SubjectRecordCounts } from './retention.repository';

/** How many subjects the run judges per query (a window by id); each due one is then anonymised in a transaction of its own. */
export const RETENTION_BATCH = 200;

/** What the next run would do at `at`: counts only, never a name or an id. */
export interface RetentionReport {
  at: string;
  /** Subjects every case record of which is past its period, and no hold keeps. */
  subjectsDue: number;
  /** Subjects that would be due but for a legal hold in force. */
  subjectsHeld: number;
  /** Records per kind the run would treat (of the subjects due; notifications past their period). */
  records: Record<RecordKind, number>;
}

/** The periods in force, from the configuration's nine variables. */
export function periodsFrom(get: <K extends CaseRecordRetentionVariable>(key: K) => Environment[K]): RetentionPeriod[] {
  return retentionPeriods(
    Object.fromEntries(CASE_RECORD_RETENTION_VARIABLES.map((variable) => [variable, get(variable)])) as Pick<
      Environment,
      CaseRecordRetentionVariable
    >,
  );
}

export function noRecords(): Record<RecordKind, number> {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>;
}

/** Adds `counts` into `total`. */
export function addCounts(total: Record<RecordKind, number>, counts: Partial<Record<RecordKind, number>>): void {
  for (const kind of RECORD_KINDS) total[kind] += counts[kind] ?? 0;
}

/** The dry run: the run's rule in one pass, and the notifications past their period. */
export async function nextRunReport(
  repository: RetentionRepository,
  tx: EntityManager,
  periods: readonly RetentionPeriod[],
  now: Date,
): Promise<RetentionReport> {
  const { subjectsDue, subjectsHeld, records: counts } = await repository.dueReport(tx, periods, now);
  const records = noRecords();
  addCounts(records, counts);
  const notification = periods.find((period) => period.kind === 'notification')!;
  records.notification = await repository.countOldNotifications(tx, notification.months, now);
  return { at: now.toISOString(), subjectsDue, subjectsHeld, records };
}

export type { SubjectRecordCounts };
