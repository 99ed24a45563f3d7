/** Polls until `check` holds of what `probe` returns (work done by the worker), for at most `ms`; returns the last value. */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
