import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { exitUnlessConfigured, readEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { startApi } from '../main';
import { DEMO_EMAIL_DOMAIN } from '../seed/demo-city';
import { seedDemo } from '../seed/seed-demo';
import { UsersRepository } from '../users/users.repository';
import { localSecrets, REDIS_HELP, resolveRedis, startEmbeddedPostgres } from './local-services';

/**
 * `npm start`: the whole service on one machine. Without DATABASE_URL it runs an embedded
 * PostgreSQL, migrates it and loads the demo city on first start; it finds or starts Redis,
 * then runs the API here and the worker beside it.
 */
async function main(): Promise<void> {
  // `npm start` reads and fills in the environment before any configuration exists (the API and the
  // worker it starts validate it); once it is filled in, its values are taken from the validated schema.
  const stops: (() => Promise<void> | void)[] = [];
  const embedded = !process.env.DATABASE_URL;
  if (embedded) {
    const postgres = await startEmbeddedPostgres();
    process.env.DATABASE_URL = postgres.url;
    stops.push(postgres.stop);
  }
  const redis = await resolveRedis();
  if (!redis) {
    process.stderr.write(`\n${REDIS_HELP}\n\n`);
    await Promise.all(stops.map(async (stop) => stop()));
    process.exit(1);
  }
  process.env.REDIS_URL = redis.url;
  if (redis.child) stops.push(() => void redis.child?.kill());
  Object.assign(process.env, localSecrets());
  const { DATABASE_URL } = exitUnlessConfigured();
  // For the demo city only, not a setting of the service.
  const { DEMO_PASSWORD } = readEnvironment(['DEMO_PASSWORD']);

  const dataSource = await new DataSource(typeormOptions(DATABASE_URL)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const firstStart = embedded && !(await new UsersRepository(dataSource).anyUser());
  if (firstStart) await seedDemo(dataSource, DEMO_PASSWORD);
  await dataSource.destroy();

  const worker: ChildProcess = fork(join(__dirname, '..', 'worker.js'), { env: process.env });
  stops.unshift(() => void worker.kill('SIGTERM'));
  const app = await startApi();
  const shutdown = async () => {
    await app.close();
    for (const stop of stops) await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const base = `http://localhost:${app.get(AppConfig).get('PORT')}`;
  process.stdout.write(
    [
      '',
      `Samvirke is running at ${base}  (open it in a browser; API docs: ${base}/api/docs)`,
      embedded ? `Database: embedded PostgreSQL, data in .data/postgres` : 'Database: DATABASE_URL',
      `Redis: ${redis.url}`,
      embedded
        ? `Sign in as coordinator.east@${DEMO_EMAIL_DOMAIN} (or admin@, auditor@, police.east@, school.east@ …), password "${DEMO_PASSWORD}"`
        : '',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Samvirke could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
