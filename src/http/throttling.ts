import { createHash } from 'node:crypto';
import { ExecutionContext, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModuleOptions, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config.service';

/** Marks a controller whose routes get the stricter limit (authentication). */
export const STRICT_THROTTLE_KEY = 'samvirke:strict-throttle';

const WINDOW_MS = 60_000;

/**
 * Counts in Redis so every API copy shares one budget. While Redis cannot be reached, each
 * copy counts in its own memory instead: the limits still hold, per copy, rather than
 * switching off (password spraying across accounts would go unthrottled, since the login
 * lockout is per account).
 */
class RedisOrInMemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttling');
  private readonly fallback = new ThrottlerStorageService();
  private redisDown = false;

  constructor(private readonly redis: ThrottlerStorageRedisService) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    try {
      const record = await this.redis.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.redisDown) this.logger.log('rate-limit store reachable again; counting in Redis');
      this.redisDown = false;
      return record;
    } catch {
      if (!this.redisDown) this.logger.warn('rate-limit store unavailable; counting in this process until it is back');
      this.redisDown = true;
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}

export function throttlerOptions(config: AppConfig, redis: Redis): ThrottlerModuleOptions {
  const prefix = `${config.get('REDIS_PREFIX')}:throttle`;
  const strict = (context: ExecutionContext) => Reflect.getMetadata(STRICT_THROTTLE_KEY, context.getClass()) === true;
  return {
    throttlers: [
      {
        name: 'default',
        ttl: WINDOW_MS,
        limit: (context) => (strict(context) ? config.get('THROTTLE_AUTH_LIMIT') : config.get('THROTTLE_LIMIT')),
      },
    ],
    storage: new RedisOrInMemoryThrottlerStorage(new ThrottlerStorageRedisService(redis)),
    generateKey: (context, tracker, name) => {
      const route = `${context.getClass().name}.${context.getHandler().name}`;
      return `${prefix}:${createHash('sha256').update(`${route}:${name}:${tracker}`).digest('hex')}`;
    },
    errorMessage: 'Too many requests: slow down and try again in a minute',
  };
}
