/**
 * Scheduler benchmark (run by hand: `npm run bench`). Puts BENCH_COUNT follow-ups (default
 * 100,000) whose reminders fall due within BENCH_WINDOW_MS (default ten minutes) on the
 * queue, runs BENCH_WORKERS worker processes' module trees (default 2) in this process,
 * and reports how late reminders fired (median, p99, max), how many were lost and how
 * many doubled. Targets: p99 under 2 seconds, none lost, none doubled.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FollowUpScheduler } from '../src/follow-ups/follow-up-scheduler.service';
import { FollowUp } from '../src/follow-ups/follow-up.entity';
import { WorkerModule } from '../src/worker.module';
import { REDIS_URL } from '../test/support/services';
import { createTestDatabase } from '../test/support/test-database';
import { testRedisPrefix } from '../test/support/test-redis';
import globalSetup from '../test/support/global-setup';
import { createUser } from '../test/support/factories';

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 600_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
/** Time to enqueue everything before the first reminder falls due. */
const LEAD_MS = Math.max(20_000, COUNT);

async function main(): Promise<void> {
  await globalSetup();
  const database = await createTestDatabase();
  const redis = testRedisPrefix();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    RECONCILE_EVERY_MS: '3600000',
  });
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: false }),
    ),
  );
  const dataSource = workers[0].get(DataSource);
  try {
    const owner = await createUser(dataSource, { roles: ['case_worker'] });
    const start = Date.now() + LEAD_MS;
    process.stdout.write(`creating ${COUNT} follow-ups due within ${WINDOW_MS / 1000} s…\n`);
    for (let offset = 0; offset < COUNT; offset += 2000) {
      const batch = Array.from({ length: Math.min(2000, COUNT - offset) }, (_, index) => ({
        kind: 'task',
        ownerId: owner.id,
        text: 'Benchmark',
        remindAt: new Date(start + Math.floor(((offset + index) / COUNT) * WINDOW_MS)),
        dueAt: new Date(start + WINDOW_MS + 86_400_000),
        state: 'open' as const,
      }));
      const saved = await dataSource.getRepository(FollowUp).save(batch, { chunk: 500 });
      if (!(await workers[0].get(FollowUpScheduler).schedule(saved))) throw new Error('could not enqueue');
    }
    if (Date.now() > start) process.stdout.write('warning: enqueueing took longer than the lead time\n');
    const deadline = start + WINDOW_MS + 60_000;
    for (;;) {
      const [{ done }] = await dataSource.query(
        `SELECT count(DISTINCT resource_id)::int AS done FROM notifications WHERE kind = 'follow_up.remind'`,
      );
      if (done >= COUNT || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const [report] = await dataSource.query(`
      WITH lateness AS (
        SELECT f.id, n.count, EXTRACT(EPOCH FROM (n.first - f.remind_at)) AS seconds
          FROM follow_ups f
          LEFT JOIN (SELECT resource_id, count(*) AS count, min(created_at) AS first FROM notifications
                      WHERE kind = 'follow_up.remind' GROUP BY resource_id) n ON n.resource_id = f.id)
      SELECT count(*)::int AS follow_ups,
             count(*) FILTER (WHERE count IS NULL)::int AS lost,
             count(*) FILTER (WHERE count > 1)::int AS doubled,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_s,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99_s,
             max(seconds) AS max_s
        FROM lateness`);
    process.stdout.write(
      `${JSON.stringify({ workers: WORKERS, windowSeconds: WINDOW_MS / 1000, ...report }, null, 2)}\n`,
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await redis.clear();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
