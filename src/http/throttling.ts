import { createHash } from 'node:crypto';
import { ExecutionContext, Logger } from '@nestjs/common';
import { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config.service';

/** Marks a controller whose routes get the stricter limit (authentication). */
export const STRICT_THROTTLE_KEY = 'samvirke:strict-throttle';

const WINDOW_MS = 60_000;

/**
 * Counts in Redis so every API copy shares one budget. If Redis is gone, requests are let
 * through rather than failed: the login lockout lives in PostgreSQL and still holds.
 */
class FailOpenThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('Throttling');

  constructor(private readonly inner: ThrottlerStorageRedisService) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    try {
      return await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch {
      this.logger.warn('rate-limit store unavailable; request let through');
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
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
    storage: new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis)),
    generateKey: (context, tracker, name) => {
      const route = `${context.getClass().name}.${context.getHandler().name}`;
      return `${prefix}:${createHash('sha256').update(`${route}:${name}:${tracker}`).digest('hex')}`;
    },
    errorMessage: 'Too many requests: slow down and try again in a minute',
  };
}
