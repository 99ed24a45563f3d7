import { Injectable, Module, Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config.service';
import { REDIS } from '../redis/redis.module';
import { JobRegistryError, OnJob } from './job-registry';
import { JobWorkers } from './job-workers';
import { JobName, JOBS } from './queues';

/** A provider class with one `@OnJob` method for each of `names`. */
function handlersOf(className: string, names: JobName[]): Type {
  const cls = { [className]: class {} }[className];
  for (const name of names) {
    const key = `handle_${name.replace('.', '_')}`;
    Object.defineProperty(cls.prototype, key, { value: () => name, writable: true, configurable: true });
    OnJob(name)(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key)!);
  }
  Injectable()(cls);
  return cls;
}

/** Starts JobWorkers among these providers: the handlers are checked before Redis is touched. */
async function start(...providers: Type[]) {
  const redis = { ping: jest.fn().mockRejectedValue(new Error('no Redis in this test')) };
  @Module({
    imports: [DiscoveryModule],
    providers: [
      JobWorkers,
      { provide: AppConfig, useValue: { get: () => 30_000 } },
      { provide: REDIS, useValue: redis },
      ...providers,
    ],
  })
  class WorkerUnderTest {}
  const app = await NestFactory.createApplicationContext(WorkerUnderTest, { logger: false, abortOnError: false });
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

const all = Object.values(JOBS);

describe('the worker at start-up', () => {
  it('refuses to start when a declared job has no handler', async () => {
    const handlers = handlersOf(
      'MostJobs',
      all.filter((name) => name !== JOBS.meetingsSweep),
    );
    await expect(start(handlers)).rejects.toThrow(JobRegistryError);
    await expect(start(handlers)).rejects.toThrow(/job "meeting\.sweep" has no handler/);
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(start(handlersOf('AllJobs', all), handlersOf('MoreJobs', [JOBS.auditSeal]))).rejects.toThrow(
      /job "audit_event\.seal" has 2 handlers \(AllJobs\.handle_audit_event_seal, MoreJobs\.handle_audit_event_seal\)/,
    );
  });

  it('goes on to Redis once every job has exactly one handler', async () => {
    await expect(start(handlersOf('AllJobs', all))).rejects.toThrow('no Redis in this test');
  });
});
