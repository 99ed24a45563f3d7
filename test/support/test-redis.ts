import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { REDIS_URL } from './services';

/**
 * A key prefix of this test file's own on the shared Redis; `clear` deletes only its keys.
 * Rate-limit keys wear the prefix inside a Redis Cluster hash tag: `{prefix:…}`.
 */
export function testRedisPrefix(): { prefix: string; clear(): Promise<void> } {
  const prefix = `samvirke-test-${randomBytes(6).toString('hex')}`;
  return {
    prefix,
    async clear() {
      const redis = new Redis(REDIS_URL);
      try {
        for (const pattern of [`${prefix}:*`, `{${prefix}:*`]) {
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
            if (keys.length > 0) await redis.del(...keys);
            cursor = next;
          } while (cursor !== '0');
        }
      } finally {
        redis.disconnect();
      }
    },
  };
}
