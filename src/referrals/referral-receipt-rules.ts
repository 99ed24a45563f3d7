import { DateTime } from 'luxon';

/** How long a pending referral may wait unseen by the receiving agency before its coordinators are told. */
export const UNSEEN_WORKING_DAYS = 2;

/**
 * When a referral sent at `sentAt` and still unseen is flagged: `UNSEEN_WORKING_DAYS` working days
 * (Monday to Friday) later in the district's time zone, at the same wall-clock time. One sent on a
 * Saturday or Sunday counts from the start of the Monday after, so the agency always has two whole
 * working days. Holidays are not known here.
 */
export function unseenFlagAt(sentAt: Date, timeZone: string): Date {
  let moment = DateTime.fromJSDate(sentAt, { zone: timeZone });
  if (!moment.isValid) throw new Error(`unknown time zone ${timeZone}`);
  if (moment.weekday > 5) moment = moment.plus({ days: 8 - moment.weekday }).startOf('day');
  let left = UNSEEN_WORKING_DAYS;
  while (left > 0) {
    moment = moment.plus({ days: 1 });
    if (moment.weekday <= 5) left -= 1;
  }
  return moment.toJSDate();
}
