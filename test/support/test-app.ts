import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/main';
import { REDIS_URL } from './services';
import { createTestDatabase, TestDatabase } from './test-database';
import { testRedisPrefix } from './test-redis';
import { Http } from './http';

export const TEST_JWT_SECRET = randomBytes(32).toString('hex');

export interface TestApp {
  app: NestFastifyApplication;
  http: Http;
  dataSource: DataSource;
  database: TestDatabase;
  redisPrefix: string;
  close(): Promise<void>;
}

/**
 * The real application on its own database and Redis key prefix, listening on a free
 * port. `env` overrides the test defaults (and may set a variable to undefined).
 */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
  shared?: { database: TestDatabase; redisPrefix: string },
): Promise<TestApp> {
  const database = shared?.database ?? (await createTestDatabase());
  const redis = shared ? { prefix: shared.redisPrefix, clear: () => Promise.resolve() } : testRedisPrefix();
  const settings: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    JWT_SECRET: TEST_JWT_SECRET,
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    THROTTLE_LIMIT: '100000',
    THROTTLE_AUTH_LIMIT: '100000',
    MFA_ENFORCED: 'false',
    CORS_ORIGINS: 'https://app.samvirke.example',
    ...env,
  };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const app = await createApp();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    http: new Http(`http://127.0.0.1:${address.port}`),
    dataSource: app.get(DataSource),
    database,
    redisPrefix: redis.prefix,
    async close() {
      await app.close();
      await redis.clear();
      // A second app on the same database leaves dropping it to the first.
      if (!shared) await database.drop();
    },
  };
}
