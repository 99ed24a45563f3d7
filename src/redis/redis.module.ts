import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config.service';

export const REDIS = Symbol('REDIS');

/** ioredis options shared by every connection: fail fast instead of queueing commands forever. */
export function redisConnection(url: string): Redis {
  return new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    disconnectTimeout: 200,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/**
 * Waits until a connection made at start-up is ready (at most `timeoutMs`): with the offline queue off, a command
 * sent while it is still connecting fails at once, so a busy machine would otherwise fail a start that Redis answers.
 */
export async function whenRedisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  // Only a connection still on its way is waited for; one that is ready, or has given up, is asked at once.
  if (!['wait', 'connecting', 'connect', 'reconnecting'].includes(redis.status)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared connection for health checks and rate limits (queues open their own). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => redisConnection(config.get('REDIS_URL')),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
