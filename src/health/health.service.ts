import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { ServiceUnavailableError } from '../http/domain-errors';
import { DependencyHealth } from './dependency.health';

/** Whether the process can take traffic: its dependencies answer. */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealth,
  ) {}

  /**
   * Probes PostgreSQL and Redis; each dependency's status when both are up, a 503 problem
   * document holding them (`checks`) when one is down.
   */
  async ready(): Promise<Record<string, unknown>> {
    try {
      const result = await this.health.check([
        () => this.dependencies.database(),
        () => this.dependencies.redisServer(),
      ]);
      return result.details;
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as { details?: Record<string, unknown> };
        throw new ServiceUnavailableError('Not ready: a dependency is down', body.details ?? {});
      }
      throw error;
    }
  }
}
