/** How long a request waits for Redis to take a job before it goes on without (the sweeps catch up). */
export const ENQUEUE_TIMEOUT_MS = 1500;

/** Waits for `work` at most `ms`: true if it finished in time, false if it failed or took longer. Leaves no timer behind. */
export async function withinTime(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
