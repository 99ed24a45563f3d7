import { DateTime } from 'luxon';

/**
 * When a follow-up is due: a day (a referral's review date) or a moment (a time with its offset,
 * as `POST /follow-ups` and a meeting's action items give it).
 */
export type FollowUpDue = { date: string } | { at: Date };

/**
 * A due date without a time means the start of that working day where the case is worked:
 * 09:00 in the district's time zone, when the offices of every agency are open, so the "due"
 * and "overdue" notices reach people at their desks, not at 01:00 or in the evening before.
 */
export const DATE_ONLY_DUE_TIME = { hour: 9, minute: 0 } as const;

export interface FollowUpTimesInput {
  due: FollowUpDue;
  /** Asked for by the creator; by default one day before the due time (same wall-clock time). */
  remindAt?: Date | null;
  /** The district's IANA zone (or the deployment's working zone for a follow-up without district). */
  timeZone: string;
  now: Date;
}

export interface FollowUpTimes {
  dueAt: Date;
  remindAt: Date;
}

/**
 * The one rule for a new follow-up's times, whoever creates it.
 *
 * - Due: a date is that day at {@link DATE_ONLY_DUE_TIME} in `timeZone` (daylight saving included);
 *   a moment is kept as it is.
 * - Reminder: the one asked for, else one calendar day before the due time at the same wall-clock
 *   time in `timeZone` (23 or 25 hours across a daylight-saving change, never 08:00 one day and 09:00 the
 *   other).
 * - A reminder is never in the past: one whose time has already gone (a task due within a day, or a
 *   reminder time asked for that has passed) is sent at once, at creation. The owner learns of a task
 *   that is close to due the moment it is theirs; skipping the reminder would leave them to find it
 *   only when it is already overdue.
 *
 * A due time that is not after `now` is returned as it is; the caller refuses it (422).
 */
export function followUpTimes(input: FollowUpTimesInput): FollowUpTimes {
  if (!DateTime.fromJSDate(input.now, { zone: input.timeZone }).isValid)
    throw new Error(`unknown time zone ${input.timeZone}`);
  const dueAt = dueTime(input.due, input.timeZone);
  const wanted = input.remindAt ?? DateTime.fromJSDate(dueAt, { zone: input.timeZone }).minus({ days: 1 }).toJSDate();
  const remindAt = new Date(Math.min(Math.max(wanted.getTime(), input.now.getTime()), dueAt.getTime()));
  return { dueAt, remindAt };
}

/** The moment a follow-up is due. */
export function dueTime(due: FollowUpDue, timeZone: string): Date {
  if ('at' in due) return new Date(due.at.getTime());
  const day = DateTime.fromISO(due.date, { zone: timeZone });
  if (!day.isValid) throw new Error(`invalid due date ${due.date} in ${timeZone}: ${day.invalidExplanation}`);
  return day.set({ ...DATE_ONLY_DUE_TIME, second: 0, millisecond: 0 }).toJSDate();
}
