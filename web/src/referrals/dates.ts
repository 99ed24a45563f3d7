/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar date plus `days`, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T12:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** The offset of a time zone at about that date and time, as `+01:00`. */
function offsetOf(date: string, time: string, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T${time}Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** The last second of a calendar date in a district's time zone, with its offset (a consent ends at the day's end). */
export function endOfDay(date: string, timeZone: string): string {
  return `${date}T23:59:59${offsetOf(date, '23:59:59', timeZone)}`;
}

/** A wall-clock date and time (from a form) in a district's time zone, with its offset. */
export function atTime(date: string, time: string, timeZone: string): string {
  return `${date}T${time}:00${offsetOf(date, `${time}:00`, timeZone)}`;
}
