/**
 * The real service for the browser tests: a database of its own (migrated, with the demo city), the
 * API on the port Playwright names (SAMVIRKE_E2E_PORT), serving the built web app, and the worker in
 * the same process (same environment), so the tests see what the queued jobs do. Run by
 * Playwright's webServer as `node -r @swc-node/register web/e2e/support/stack.ts`; on SIGTERM it
 * closes the worker and the API and drops its database. Two more services, each with a database of
 * its own:
 * - `--mfa-enforced`, on SAMVIRKE_E2E_MFA_PORT: a second factor is required of coordinators
 *   (MFA_ENFORCED); no worker.
 * - `--movable-clock`, on SAMVIRKE_E2E_CLOCK_PORT: with a worker, and a clock the tests move through
 *   a control listener on SAMVIRKE_E2E_CLOCK_CONTROL_PORT (./clock-control.ts), instead of waiting
 *   for a meeting to start or a retention period to pass. Short retention periods.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../../src/database/typeorm-options';
import { startApi } from '../../../src/main';
import { seedDemo } from '../../../src/seed/seed-demo';
import { WorkerModule } from '../../../src/worker.module';
import { openClockControl } from './clock-control';
import { databaseUrl, POSTGRES_ADMIN_URL, REDIS_URL } from '../../../test/support/services';
import { DEMO_PASSWORD } from './demo';

async function withAdmin(work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** The first service builds the web app before it starts; the second waits for it, to serve the same build. */
async function untilAnswering(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} never answered`);
}

/** Which of the three services this process is. */
function service() {
  if (process.argv.includes('--mfa-enforced')) {
    return { name: 'mfa-enforced', port: process.env.SAMVIRKE_E2E_MFA_PORT, first: false, worker: false };
  }
  if (process.argv.includes('--movable-clock')) {
    return { name: 'movable-clock', port: process.env.SAMVIRKE_E2E_CLOCK_PORT, first: false, worker: true };
  }
  return { name: 'main', port: process.env.SAMVIRKE_E2E_PORT, first: true, worker: true };
}

/** The movable-clock service's retention periods: one month where the browser test moves past one. */
const SHORT_RETENTION = { CONCERN_CLOSED_RETENTION_MONTHS: '1' };

async function main(): Promise<void> {
  const { name, port, first, worker: withWorker } = service();
  const enforced = name === 'mfa-enforced';
  const movable = name === 'movable-clock';
  const controlPort = process.env.SAMVIRKE_E2E_CLOCK_CONTROL_PORT;
  if (!port) throw new Error(`the port of the ${name} service is not set`);
  if (movable && !controlPort) throw new Error('SAMVIRKE_E2E_CLOCK_CONTROL_PORT is not set');
  if (!first) await untilAnswering(`http://127.0.0.1:${process.env.SAMVIRKE_E2E_PORT}/health/live`);
  const database = `samvirke_web_e2e_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${database}"`));
  const url = databaseUrl(database);
  let closeApi: (() => Promise<void>) | null = null;
  let closeWorker: (() => Promise<void>) | null = null;
  let closeControl: (() => Promise<void>) | null = null;

  const stop = async () => {
    try {
      await closeControl?.();
      // The worker first: it finishes the jobs it holds while the database is still there.
      await closeWorker?.();
      await closeApi?.();
    } finally {
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      // This run's build of the app (the first service made it).
      const build = process.env.SAMVIRKE_E2E_WEB_DIR;
      if (build && first) rmSync(build, { recursive: true, force: true });
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());

  const dataSource = await new DataSource({ ...typeormOptions(url), logging: false }).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await seedDemo(dataSource, DEMO_PASSWORD);
  await dataSource.destroy();

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    REDIS_URL,
    REDIS_PREFIX: `web-e2e-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    PORT: port,
    HOST: '127.0.0.1',
    API_PROCESSES: '1',
    THROTTLE_LIMIT: '100000',
    THROTTLE_AUTH_LIMIT: '100000',
    MFA_ENFORCED: String(enforced),
    WEB_APP_DIR: process.env.SAMVIRKE_E2E_WEB_DIR ?? join(__dirname, '..', '..', 'dist'),
    ...(movable ? SHORT_RETENTION : {}),
  });
  // The application reads its configuration from the environment set above when it starts.
  // The worker before the API: the request-context library keeps one process-wide hook host, the last
  // application's to start, and requests must find the API's (ready before it answers its first).
  const worker = withWorker
    ? await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true })
    : null;
  if (worker) {
    worker.useLogger(worker.get(Logger));
    closeWorker = () => worker.close();
    await worker.init();
  }
  const app = await startApi();
  closeApi = () => app.close();
  if (movable && worker) closeControl = await openClockControl(Number(controlPort), app, worker);
  process.stdout.write(
    `Samvirke for the browser tests (${name}) on http://127.0.0.1:${port} (database ${database}, worker ${withWorker}` +
      `${movable ? `, clock moved through http://127.0.0.1:${controlPort}` : ''})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`The browser tests' service could not start: ${String(error)}\n`);
  process.exit(1);
});
