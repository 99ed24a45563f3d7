import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Job } from 'bullmq';
import { RESOURCE_TYPES, ResourceType } from '../audit/audit-actions';
import { JOB_HANDLER, JobHandlerEntry, JobRegistry, JobRegistryError, OnJob } from './job-registry';
import { JOB_QUEUES, JOBS, QUEUES } from './queues';

const entry = (name: string, owner: string, handler = jest.fn()): JobHandlerEntry => ({ name, owner, handler });
const everyJob = () => Object.values(JOBS).map((name) => entry(name, `Jobs.${name}`));
const job = (name: string, data: unknown = {}) => ({ name, data, id: '1' }) as Job;

describe('JobRegistry', () => {
  it('builds when every declared job has exactly one handler', () => {
    const registry = JobRegistry.build(everyJob());
    expect(registry.ownerOf(JOBS.auditSeal)).toBe('Jobs.audit_event.seal');
  });

  it('refuses a declared job without a handler, naming it', () => {
    const entries = everyJob().filter((found) => found.name !== JOBS.consentExpiry);
    expect(() => JobRegistry.build(entries)).toThrow(JobRegistryError);
    expect(() => JobRegistry.build(entries)).toThrow(/job "consent\.expire" has no handler/);
  });

  it('refuses a job with two handlers, naming both', () => {
    const entries = [...everyJob(), entry(JOBS.followUpStep, 'OtherJobs.step')];
    expect(() => JobRegistry.build(entries)).toThrow(
      /job "follow_up\.step" has 2 handlers \(Jobs\.follow_up\.step, OtherJobs\.step\)/,
    );
  });

  it('refuses a handler for a job that is not declared', () => {
    expect(() => JobRegistry.build([...everyJob(), entry('concern.archive', 'ConcernJobs.archive')])).toThrow(
      /job "concern\.archive" is handled by ConcernJobs\.archive but not declared/,
    );
  });

  it('lists every problem at once', () => {
    const entries = [entry('a.run', 'A.run'), entry('a.run', 'B.run')];
    let message = '';
    try {
      JobRegistry.build(entries, ['a.run', 'b.run']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(2);
  });

  it('dispatches a job to its one handler with its payload and the job', async () => {
    const deliver = jest.fn().mockResolvedValue('delivered');
    const entries = everyJob().map((found) =>
      found.name === JOBS.deliverNotification ? entry(found.name, 'NotificationJobs.deliver', deliver) : found,
    );
    const registry = JobRegistry.build(entries);
    const taken = job(JOBS.deliverNotification, { notificationId: 'n-1' });
    await expect(registry.dispatch(QUEUES.notifications, taken)).resolves.toBe('delivered');
    expect(deliver).toHaveBeenCalledWith({ notificationId: 'n-1' }, taken);
    expect(
      entries
        .filter((found) => found.handler !== deliver)
        .every((found) => !jest.mocked(found.handler).mock.calls.length),
    ).toBe(true);
  });

  it('fails a job of an unknown name, or one on the wrong queue', async () => {
    const registry = JobRegistry.build(everyJob());
    await expect(registry.dispatch(QUEUES.maintenance, job('maintenance.reconcile'))).rejects.toThrow(
      /no handler for job "maintenance\.reconcile"/,
    );
    await expect(registry.dispatch(QUEUES.audit, job(JOBS.reconcile))).rejects.toThrow(
      /belongs on queue "maintenance", not "audit"/,
    );
  });
});

describe('the job names', () => {
  it('are dotted <resource_type>.<verb> in snake_case, each on one declared queue', () => {
    for (const name of Object.values(JOBS)) {
      expect(name).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
      expect(Object.values(QUEUES)).toContain(JOB_QUEUES[name]);
    }
    for (const name of Object.values(QUEUES)) expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('each begin with a resource type of the audit catalogue', () => {
    for (const name of Object.values(JOBS)) {
      expect([name, RESOURCE_TYPES.includes(name.slice(0, name.indexOf('.')) as ResourceType)]).toEqual([name, true]);
    }
  });
});

describe('@OnJob', () => {
  it('marks the method with the job it handles', () => {
    @Injectable()
    class SealJobs {
      @OnJob(JOBS.auditSeal)
      seal() {
        return 'sealed';
      }
    }
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only its metadata is read
    expect(new Reflector().get(JOB_HANDLER, SealJobs.prototype.seal)).toBe(JOBS.auditSeal);
  });
});
