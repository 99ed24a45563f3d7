import { FollowUpStepName } from '../queue/queues';

const DAY_MS = 24 * 3_600_000;

/** `start` plus `days` working days (Monday to Friday), keeping the time of day. */
export function addWorkingDays(start: Date, days: number): Date {
  const result = new Date(start.getTime());
  let left = days;
  while (left > 0) {
    result.setTime(result.getTime() + DAY_MS);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return result;
}

export interface StepSchedule {
  step: FollowUpStepName;
  at: Date;
}

/**
 * What happens to an open follow-up, and when: a reminder to the owner at `remindAt`, a
 * second one when it falls due, and escalation to the district's coordinators after the
 * grace in working days.
 */
export function followUpSteps(followUp: { remindAt: Date; dueAt: Date }, graceWorkingDays: number): StepSchedule[] {
  return [
    { step: 'remind', at: followUp.remindAt },
    { step: 'overdue', at: followUp.dueAt },
    { step: 'escalate', at: addWorkingDays(followUp.dueAt, graceWorkingDays) },
  ];
}
