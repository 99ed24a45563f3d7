import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { AccessFlagsService } from './access-flags.service';
import { AuditSearchService } from './audit-search.service';
import { AuditTrailService } from './audit-trail.service';
import { accessFlagPageView, auditCsv, auditEventPageView, verifyResultView } from './audit-view';
import { AccessFlagPageDto, AuditEventPageDto, AuditQuery, FlagQuery, VerifyResultDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly search: AuditSearchService,
    private readonly flagged: AccessFlagsService,
  ) {}

  @Get('verify')
  @Policy('read', 'AuditEvent', 'audit_event.verify')
  @ApiOkResponse({
    type: VerifyResultDto,
    description: 'Checks every link and the checkpoints; names the first bad event',
  })
  async verify(): Promise<VerifyResultDto> {
    return verifyResultView(await this.trail.verifyRecorded());
  }

  @Get('events')
  @Policy('read', 'AuditEvent', 'audit_event.list')
  @ApiOkResponse({ type: AuditEventPageDto, description: 'Newest first; ids and pseudonyms, never names' })
  async events(@CurrentAbility() ability: AppAbility, @Query() query: AuditQuery): Promise<AuditEventPageDto> {
    return auditEventPageView(await this.search.search(ability, query));
  }

  @Get('events.csv')
  @Policy('read', 'AuditEvent', 'audit_event.export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit-events.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The same search as CSV (at most 100,000 rows, newest first)',
    schema: { type: 'string' },
  })
  async csv(@CurrentAbility() ability: AppAbility, @Query() query: AuditQuery): Promise<string> {
    return auditCsv(await this.search.export(ability, query));
  }

  @Get('subjects/:id/accesses')
  @Policy('read', 'AuditEvent', 'audit_event.list', 'subject')
  @ApiOkResponse({ type: AuditEventPageDto, description: 'Who has seen this subject: every access to their records' })
  async accesses(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AuditQuery,
  ): Promise<AuditEventPageDto> {
    return auditEventPageView(await this.search.whoHasSeen(ability, id, query));
  }

  @Get('flags')
  @Policy('read', 'AuditEvent', 'access_flag.list')
  @ApiOkResponse({ type: AccessFlagPageDto, description: 'Unusual access the worker found, newest first' })
  async flags(@CurrentAbility() ability: AppAbility, @Query() query: FlagQuery): Promise<AccessFlagPageDto> {
    return accessFlagPageView(await this.flagged.list(ability, query));
  }
}
