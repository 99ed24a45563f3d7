import type { Bind, RowRule } from '../access/shares';
import type { FieldProblem } from '../http/domain-errors';
import type { LegalHold } from './legal-hold.entity';

/** The longest a hold may be placed for; a longer one is placed again when it ends. */
export const LEGAL_HOLD_MAX_YEARS = 10;

/**
 * Active at `now`: not lifted and not past its end. Written once, as SQL for the lists, the
 * retention job and erasure (`subjectIsHeld`), and on a loaded hold for its answer and the lift,
 * so a hold lapses at `until` with no job and no write.
 */
export const legalHoldIsActive: RowRule<Pick<LegalHold, 'liftedAt' | 'until'>, Date> = {
  sql: (hold, now, param) => `("${hold}"."lifted_at" IS NULL AND "${hold}"."until" > ${param(now)})`,
  holds: (hold, now) => hold.liftedAt === null && hold.until.getTime() > now.getTime(),
};

/**
 * The subject of `subjectAlias` (a row of `subjects`, or any row whose `subjectColumn` holds a
 * subject id) has an active hold at `now`: the condition retention and erasure skip a subject on.
 */
export function subjectIsHeld(subjectAlias: string, now: Date, param: Bind, subjectColumn = 'id'): string {
  return `EXISTS (SELECT 1 FROM legal_holds "held" WHERE "held"."subject_id" = "${subjectAlias}"."${subjectColumn}" AND ${legalHoldIsActive.sql('held', now, param)})`;
}

/** A hold ends in the future, and at most LEGAL_HOLD_MAX_YEARS from now. */
export function legalHoldProblems(until: Date, now: Date): FieldProblem[] {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + LEGAL_HOLD_MAX_YEARS);
  if (until.getTime() <= now.getTime()) return [{ field: 'until', message: 'must be in the future' }];
  if (until.getTime() > latest.getTime())
    return [{ field: 'until', message: `must be at most ${LEGAL_HOLD_MAX_YEARS} years from now` }];
  return [];
}
