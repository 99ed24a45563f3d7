import cluster, { Worker } from 'node:cluster';
import pino from 'pino';

/** A process that dies after it served is replaced after this pause, so a crash loop cannot spin the CPU. */
const RESTART_DELAY_MS = 1_000;

/**
 * Runs the API as `count` processes on one port, with Node's `cluster`: this process (the
 * primary) only forks, watches and stops them; it never opens the database or Redis.
 *
 * Why cluster rather than separate processes behind a proxy: the API's processes share nothing
 * in memory (sessions, rate limits, queues, the audit chain's order all live in PostgreSQL and
 * Redis), so the two are equivalent in what they guarantee; cluster gives that with one command,
 * one port and one container, with no proxy to configure, and the primary puts back a process
 * that dies. Where an orchestrator already balances (several containers behind a service), keep
 * API_PROCESSES=1 and run more replicas instead.
 *
 * - A process that dies after it was listening is replaced.
 * - A process that dies before it ever listened could not start (the database unreachable, a
 *   port taken): restarting it would only loop, so every process is stopped and the primary
 *   exits 1, as a single process would.
 * - SIGTERM or SIGINT is passed to every process; the primary exits once they all have.
 */
export function superviseApiProcesses(count: number, logLevel: string): void {
  const log = pino({ level: logLevel }).child({ component: 'ApiCluster' });
  const running = new Set<Worker>();
  const listened = new Set<Worker>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork();
    running.add(worker);
    worker.once('listening', () => listened.add(worker));
  };

  const stop = (signal: NodeJS.Signals, code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    pendingRestarts.forEach(clearTimeout);
    log.info({ event: 'api.cluster.stopping', signal, processes: running.size }, 'stopping the API processes');
    for (const worker of running) worker.process.kill(signal);
    if (running.size === 0) process.exit(exitCode);
  };

  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    const pid = worker.process.pid;
    if (stopping) {
      if (running.size === 0) {
        log.info({ event: 'api.cluster.stopped' }, 'API processes stopped');
        process.exit(exitCode);
      }
      return;
    }
    if (!listened.has(worker)) {
      log.error({ event: 'api.cluster.start_failed', pid, code, signal }, 'an API process could not start; stopping');
      stop('SIGTERM', 1);
      return;
    }
    log.warn({ event: 'api.cluster.restart', pid, code, signal }, 'an API process died; starting another');
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
    pendingRestarts.add(timer);
  });

  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
  for (let index = 0; index < count; index += 1) fork();
  log.info({ event: 'api.cluster.started', processes: count }, `API cluster started with ${count} processes`);
}

/**
 * In a cluster's API process: the first SIGTERM or SIGINT closes the app (in-flight requests
 * finish) and exits 0. Later signals are absorbed, because a terminal's Ctrl-C reaches the
 * whole process group and the primary forwards it too: the second must not cut the first short.
 */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const onSignal = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
