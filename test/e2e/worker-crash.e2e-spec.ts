import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { FollowUpScheduler } from '../../src/follow-ups/follow-up-scheduler.service';
import { eventually } from '../support/eventually';
import { createFollowUpRecord, createUser } from '../support/factories';
import { runEntryPoint } from '../support/processes';
import { REDIS_URL } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

/** A worker process killed in the middle of a job: the job is taken over and its notification delivered once. */
describe('a worker killed mid-job', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('has its job retried by the next worker, and the reminder delivered once', async () => {
    const owner = await createUser(app.dataSource, { roles: ['case_worker'] });
    const followUp = await createFollowUpRecord(app.dataSource, {
      owner,
      text: 'Crash test',
      remindAt: new Date(Date.now() + 500),
      dueAt: new Date(Date.now() + 3_600_000),
    });
    const env = {
      DATABASE_URL: app.database.url,
      REDIS_URL,
      REDIS_PREFIX: app.redisPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
      WORKER_LOCK_MS: '1500',
      RECONCILE_EVERY_MS: '3600000',
    };
    // Hold the follow-up's row so the worker's step blocks mid-job, inside its transaction.
    const blocker = new DataSource(typeormOptions(app.database.url));
    await blocker.initialize();
    const runner = blocker.createQueryRunner();
    await runner.startTransaction();
    await runner.query('SELECT id FROM follow_ups WHERE id = $1 FOR UPDATE', [followUp.id]);

    const first = runEntryPoint('src/worker.ts', env);
    await first.waitFor(/"msg":"worker ready"/);
    await app.app.get(FollowUpScheduler).schedule([followUp]);
    // Wait until the first worker is inside the step (its query waits on our lock), then kill it.
    const waiting = async () =>
      (
        await app.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n > 0;
    expect(await eventually(waiting, Boolean, 30_000)).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited();
    await runner.rollbackTransaction();
    await runner.release();
    await blocker.destroy();

    const second = runEntryPoint('src/worker.ts', env);
    try {
      await second.waitFor(/"msg":"worker ready"/);
      await eventually(
        () =>
          app.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE resource_id = $1`, [followUp.id]),
        (rows: { n: number }[]) => rows[0].n > 0,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE resource_id = $1`,
        [followUp.id],
      );
      expect(n).toBe(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited();
    }
  }, 60_000);
});
