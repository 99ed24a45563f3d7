import type { RowRule } from '../access/shares';
import type { FollowUp, FollowUpState } from './follow-up.entity';

/** The state of a follow-up still to be done: the one its reminders, overdue notices and escalation run in. */
export const OPEN_FOLLOW_UP_STATE: FollowUpState = 'open';

/**
 * Overdue at `now`: still open and past its due time. Written once, as SQL for the owner's
 * overdue list and the forum's agenda, and on a loaded follow-up for its answer.
 */
export const followUpIsOverdue: RowRule<Pick<FollowUp, 'state' | 'dueAt'>, Date> = {
  sql: (followUp, now, param) =>
    `("${followUp}"."state" = ${param(OPEN_FOLLOW_UP_STATE)} AND "${followUp}"."due_at" < ${param(now)})`,
  holds: (followUp, now) => followUp.state === OPEN_FOLLOW_UP_STATE && followUp.dueAt.getTime() < now.getTime(),
};
