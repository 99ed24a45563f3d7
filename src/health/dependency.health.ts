import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { HealthRepository } from './health.repository';

const PROBE_TIMEOUT_MS = 1000;

/** Resolves with the probe's answer, or rejects after the timeout; leaves no timer behind. */
async function withTimeout<T>(probe: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness probes for PostgreSQL and Redis. */
@Injectable()
export class DependencyHealth {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly postgres: HealthRepository,
    private readonly health: HealthIndicatorService,
  ) {}

  database() {
    return this.probe('database', () => this.postgres.ping());
  }

  redisServer() {
    return this.probe('redis', async () => (await this.redis.ping()) === 'PONG');
  }

  private async probe<K extends string>(key: K, check: () => Promise<boolean>) {
    const indicator = this.health.check(key);
    try {
      return (await withTimeout(check())) ? indicator.up() : indicator.down();
    } catch {
      return indicator.down();
    }
  }
}
