/**
 * Polls `probe` every 100 ms until `check` holds of what it returns (work done by a worker, a mail
 * received), for at most `ms`; returns the last value either way, so the caller's expectation shows
 * what was seen. Without `check`, waits for a truthy value.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  check: (value: T) => boolean = Boolean,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
