import { referralIsOpen, type RowRule } from '../access/shares';
import type { Referral } from './referral.entity';
import { OPEN_REFERRAL_STATUSES } from './referral-vocabulary';

/**
 * Overdue by `day` (YYYY-MM-DD): still open, and its review date before that day. Written once, as
 * SQL for the coordinator's board (`day` today) and the forum's agenda (`day` the forum's), and on
 * a loaded referral for its answer. Open is OPEN_REFERRAL_STATUSES, bound as a parameter.
 */
export const referralIsOverdue: RowRule<Pick<Referral, 'status' | 'reviewDate'>, string> = {
  sql: (referral, day, param) => `(${referralIsOpen(referral, param)} AND "${referral}"."review_date" < ${param(day)})`,
  holds: (referral, day) => OPEN_REFERRAL_STATUSES.includes(referral.status) && referral.reviewDate < day,
};
