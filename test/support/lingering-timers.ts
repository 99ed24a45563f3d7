import { createHook } from 'node:async_hooks';

/**
 * Runs `work`, waits `graceMs`, and counts the timers `work` started that are still pending and
 * would keep the process alive: what makes a closed app hold up Node's (and Jest's) exit.
 */
export async function lingeringTimers(work: () => Promise<unknown>, graceMs = 1000): Promise<number> {
  const started: NodeJS.Timeout[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'Timeout') started.push(resource as NodeJS.Timeout);
    },
  });
  hook.enable();
  try {
    await work();
  } finally {
    hook.disable();
  }
  await new Promise((resolve) => setTimeout(resolve, graceMs));
  return started.filter((timer) => timer.hasRef() && !(timer as unknown as { _destroyed: boolean })._destroyed).length;
}
