import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis.module';

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
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  database() {
    return this.probe('database', async () => {
      if (!this.dataSource.isInitialized) return false;
      await this.dataSource.query('SELECT 1');
      return true;
    });
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
