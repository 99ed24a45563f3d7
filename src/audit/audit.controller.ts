import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Policy } from '../access/policy.decorator';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';
import { VerifyResultDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('verify')
  @Policy('read', 'AuditEvent')
  @ApiOkResponse({
    type: VerifyResultDto,
    description: 'Checks every link and the checkpoints; names the first bad event',
  })
  async verify(): Promise<VerifyResultDto> {
    const result = await this.trail.verify();
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.verified',
      resourceType: 'AuditTrail',
      outcome: 'allowed',
      severity: result.ok ? 'info' : 'high',
      details: { ok: result.ok, checked: result.checked, problem: result.problem ?? null },
    });
    return result;
  }
}
