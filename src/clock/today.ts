/** The date (YYYY-MM-DD, UTC) of `now`, the application clock's time: the day a referral's review falls due against. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
