import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { AuditExportsService } from './audit-exports.service';
import { AUDIT_CSV_COLUMNS } from './audit-view';
import { auditExportView } from './audit-export-view';
import {
  AuditCountDto,
  AuditExportDto,
  AuditExportFilters,
  AuditExportListDto,
  StartAuditExportDto,
} from './dto/audit-export.dto';

/** The auditor's exports of the trail: said first (how many events, which columns), written by the worker. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditExportsController {
  constructor(private readonly exports: AuditExportsService) {}

  @Get('events/count')
  @Policy('read', 'AuditEvent', 'audit_event.count')
  @ApiOkResponse({
    type: AuditCountDto,
    description: 'What an export of this search holds: how many events, which columns',
  })
  async count(@CurrentAbility() ability: AppAbility, @Query() query: AuditExportFilters): Promise<AuditCountDto> {
    return { count: await this.exports.count(ability, query), columns: [...AUDIT_CSV_COLUMNS] };
  }

  @Post('exports')
  @HttpCode(202)
  @Policy('read', 'AuditEvent', 'audit_export.create')
  @ApiAcceptedResponse({
    type: AuditExportDto,
    description: 'Queued: the worker writes the CSV (every event of the search, no cap) and notifies the caller',
  })
  async start(@CurrentActor() actor: Actor, @Body() body: StartAuditExportDto): Promise<AuditExportDto> {
    return auditExportView(await this.exports.start(actor, body.filters, body.purpose));
  }

  @Get('exports')
  @Policy('read', 'AuditEvent', 'audit_export.list')
  @ApiOkResponse({ type: AuditExportListDto, description: 'The caller’s own exports, newest first' })
  async list(@CurrentActor() actor: Actor): Promise<AuditExportListDto> {
    return { items: (await this.exports.list(actor)).map(auditExportView) };
  }

  @Get('exports/:id')
  @Policy('read', 'AuditEvent', 'audit_export.read')
  @ApiOkResponse({ type: AuditExportDto, description: 'One of the caller’s exports; another auditor’s is 404' })
  async read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AuditExportDto> {
    return auditExportView(await this.exports.read(actor, id));
  }

  @Get('exports/:id/file')
  @Policy('read', 'AuditEvent', 'audit_export.download')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit-events.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The CSV, newest first; 409 while not ready, 404 once expired or for another auditor',
    schema: { type: 'string' },
  })
  async file(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.file(actor, id));
  }
}
