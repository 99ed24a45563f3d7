import { SetMetadata } from '@nestjs/common';
import { Job } from 'bullmq';
import { JOB_QUEUES, JobName, JobPayloads, JOBS, QueueName } from './queues';

export const JOB_HANDLER = Symbol('job handler');

/** Runs one job: its payload, and the BullMQ job (for its id, attempts, name). */
export type JobHandler<N extends JobName = JobName> = (data: JobPayloads[N], job: Job<JobPayloads[N]>) => unknown;

/**
 * Marks a provider's method as THE handler of a job. The worker collects every marked
 * method at start-up and refuses to start unless each name in JOBS has exactly one.
 * The method's parameters are checked against the job's payload type.
 */
export const OnJob = <N extends JobName>(name: N) =>
  SetMetadata(JOB_HANDLER, name) as <T extends JobHandler<N>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ) => void;

/** One handler found in the worker's module tree; `owner` names it in errors (`Class.method`). */
export interface JobHandlerEntry {
  name: string;
  owner: string;
  handler: (data: unknown, job: Job) => unknown;
}

export class JobRegistryError extends Error {}

/** Maps every job name to its one handler and runs jobs through it: no `if (job.name === …)` anywhere. */
export class JobRegistry {
  private constructor(private readonly handlers: ReadonlyMap<string, JobHandlerEntry>) {}

  /**
   * Throws, listing every problem at once, when a declared job has no handler or more than
   * one, or a handler names a job that is not declared.
   */
  static build(entries: readonly JobHandlerEntry[], declared: readonly string[] = Object.values(JOBS)): JobRegistry {
    const byName = new Map<string, JobHandlerEntry[]>();
    for (const entry of entries) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
    const problems: string[] = [];
    for (const name of declared) {
      const found = byName.get(name) ?? [];
      if (found.length === 0) problems.push(`job "${name}" has no handler: mark one method with @OnJob('${name}')`);
      if (found.length > 1) {
        const owners = found.map((entry) => entry.owner).join(', ');
        problems.push(`job "${name}" has ${found.length} handlers (${owners}): exactly one may handle it`);
      }
    }
    for (const [name, found] of byName) {
      if (!declared.includes(name)) {
        const owners = found.map((entry) => entry.owner).join(', ');
        problems.push(`job "${name}" is handled by ${owners} but not declared in JOBS (src/queue/queues.ts)`);
      }
    }
    if (problems.length > 0) {
      throw new JobRegistryError(`The worker's job handlers are wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return new JobRegistry(new Map([...byName].map(([name, [entry]]) => [name, entry])));
  }

  /** Who handles a job, as `Class.method`. */
  ownerOf(name: string): string | undefined {
    return this.handlers.get(name)?.owner;
  }

  /** Runs a job taken from `queue` through its handler; a job on the wrong queue or of an unknown name fails. */
  async dispatch(queue: QueueName, job: Job): Promise<unknown> {
    const entry = this.handlers.get(job.name);
    if (!entry) throw new Error(`no handler for job "${job.name}" on queue "${queue}"`);
    const expected = JOB_QUEUES[job.name as JobName];
    if (expected !== queue) throw new Error(`job "${job.name}" belongs on queue "${expected}", not "${queue}"`);
    // Awaited here, so a throw before the handler and a rejected handler fail the job alike.
    return await entry.handler(job.data, job);
  }
}
