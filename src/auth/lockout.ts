/** Five failed logins for one account within fifteen minutes lock it for fifteen minutes. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

/**
 * When the lock ends, or null if the account is not locked. `recentFailures` are the
 * newest failures since the last success, newest first (at most LOCKOUT_THRESHOLD are needed).
 * Attempts refused during a lock are not counted, so a lock ends on time.
 */
export function lockedUntil(recentFailures: Date[], now: Date): Date | null {
  if (recentFailures.length < LOCKOUT_THRESHOLD) return null;
  const newest = recentFailures[0].getTime();
  const oldest = recentFailures[LOCKOUT_THRESHOLD - 1].getTime();
  if (newest - oldest >= LOCKOUT_WINDOW_MS) return null;
  const until = newest + LOCKOUT_DURATION_MS;
  return until > now.getTime() ? new Date(until) : null;
}
