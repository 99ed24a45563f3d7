import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { auditVerificationView } from './audit-verification-view';
import { AuditVerificationsService } from './audit-verifications.service';
import { AuditVerificationDto, AuditVerificationListDto, VerificationListQuery } from './dto/audit-verification.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/verifications')
export class AuditVerificationsController {
  constructor(private readonly verifications: AuditVerificationsService) {}

  @Post()
  @HttpCode(202)
  @Policy('read', 'AuditEvent', 'audit_verification.start')
  @ApiAcceptedResponse({
    type: AuditVerificationDto,
    description:
      'Queues a verification of the chain for the worker; while one is queued or running, answers that one instead (never two at once)',
  })
  async start(@CurrentActor() actor: Actor): Promise<AuditVerificationDto> {
    return auditVerificationView((await this.verifications.start(actor.id)).verification);
  }

  @Get()
  @Policy('read', 'AuditEvent', 'audit_verification.read')
  @ApiOkResponse({ type: AuditVerificationListDto, description: 'The last verifications, newest first' })
  async list(@Query() query: VerificationListQuery): Promise<AuditVerificationListDto> {
    return { items: (await this.verifications.latest(query.limit ?? 10)).map(auditVerificationView) };
  }

  @Get(':id')
  @Policy('read', 'AuditEvent', 'audit_verification.read')
  @ApiOkResponse({ type: AuditVerificationDto, description: 'Its state, progress and verdict' })
  async read(@Param('id', ParseUUIDPipe) id: string): Promise<AuditVerificationDto> {
    return auditVerificationView(await this.verifications.read(id));
  }
}
