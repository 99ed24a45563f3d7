import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '../access/policy.decorator';
import { ServiceUnavailableError } from '../http/domain-errors';
import { HealthStatusDto } from './health-status.dto';
import { DependencyHealth } from './dependency.health';
import { healthView } from './health-view';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealth,
  ) {}

  /** The process is up and serving; says nothing about its dependencies. */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: HealthStatusDto })
  live(): HealthStatusDto {
    return healthView();
  }

  /** Ready for traffic: PostgreSQL and Redis both answer. */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Redis is down (problem document with `checks`)' })
  async ready(): Promise<HealthStatusDto> {
    try {
      const result = await this.health.check([
        () => this.dependencies.database(),
        () => this.dependencies.redisServer(),
      ]);
      return healthView(result.details);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as { details?: Record<string, unknown> };
        throw new ServiceUnavailableError('Not ready: a dependency is down', body.details ?? {});
      }
      throw error;
    }
  }
}
