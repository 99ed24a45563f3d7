import { DateTime } from 'luxon';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'last'] as const;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A monthly forum's rule, such as "first Tuesday 14:00": an ordinal weekday of the month and a local time. */
export interface MonthlyRule {
  ordinal: (typeof ORDINALS)[number];
  /** 1 = Monday … 7 = Sunday, as ISO and Luxon count. */
  weekday: number;
  hour: number;
  minute: number;
}

const RULE = new RegExp(`^(${ORDINALS.join('|')})\\s+(${WEEKDAYS.join('|')})\\s+([01]?\\d|2[0-3]):([0-5]\\d)$`, 'i');

/** The rule, or null when the text is not one. */
export function parseMonthlyRule(text: string): MonthlyRule | null {
  const match = RULE.exec(text.trim());
  if (!match) return null;
  return {
    ordinal: match[1].toLowerCase() as MonthlyRule['ordinal'],
    weekday: WEEKDAYS.indexOf(match[2].toLowerCase() as (typeof WEEKDAYS)[number]) + 1,
    hour: Number(match[3]),
    minute: Number(match[4]),
  };
}

/** The day of the month the rule falls on in that month. */
function dayOfMonth(rule: MonthlyRule, year: number, month: number): number {
  const first = DateTime.fromObject({ year, month, day: 1 });
  const firstMatch = 1 + ((rule.weekday - first.weekday + 7) % 7);
  if (rule.ordinal !== 'last') return firstMatch + 7 * ORDINALS.indexOf(rule.ordinal);
  const daysInMonth = first.daysInMonth!;
  return firstMatch + 7 * Math.floor((daysInMonth - firstMatch) / 7);
}

export interface Occurrence {
  /** The local date the rule gives (the series' key for it: a moved meeting keeps it). */
  localDate: string;
  startsAt: Date;
}

/**
 * Every occurrence starting at or after `from` and before `until`. Each is the rule's wall-clock
 * time in `zone` on that month's day, so the UTC time moves with daylight saving and no month is
 * skipped; a local time that does not exist on the day (the spring gap) moves forward by the gap.
 */
export function occurrences(rule: MonthlyRule, zone: string, from: Date, until: Date): Occurrence[] {
  const result: Occurrence[] = [];
  let month = DateTime.fromJSDate(from, { zone }).startOf('month');
  const end = DateTime.fromJSDate(until, { zone });
  while (month <= end) {
    const day = dayOfMonth(rule, month.year, month.month);
    const start = DateTime.fromObject(
      { year: month.year, month: month.month, day, hour: rule.hour, minute: rule.minute },
      { zone },
    );
    if (start.toMillis() >= from.getTime() && start.toMillis() < until.getTime()) {
      result.push({ localDate: start.toISODate()!, startsAt: start.toJSDate() });
    }
    month = month.plus({ months: 1 });
  }
  return result;
}
