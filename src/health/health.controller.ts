import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/policy.decorator';
import { HealthStatusDto } from './health-status.dto';
import { healthView } from './health-view';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

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
    return healthView(await this.health.ready());
  }
}
