import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { Policy } from '../access/policy.decorator';
import { isIsoTime, paginate } from '../database/pagination';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditSearchService } from './audit-search.service';
import { AccessFlag } from './access-flag.entity';
import {
  AccessFlagPageDto,
  AuditEventPageDto,
  AuditQuery,
  FlagQuery,
  SubjectParams,
  VerifyResultDto,
} from './dto/audit.dto';

const CSV_COLUMNS = [
  'occurredAt',
  'id',
  'actorId',
  'actorAgencyId',
  'actorRoles',
  'action',
  'resourceType',
  'resourceId',
  'subjectId',
  'pseudonym',
  'purpose',
  'outcome',
  'severity',
  'requestId',
  'details',
] as const;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly search: AuditSearchService,
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

  @Get('events')
  @Policy('read', 'AuditEvent')
  @ApiOkResponse({ type: AuditEventPageDto, description: 'Newest first; ids and pseudonyms, never names' })
  events(@Query() query: AuditQuery): Promise<AuditEventPageDto> {
    return this.search.search(query);
  }

  @Get('events.csv')
  @Policy('read', 'AuditEvent')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit-events.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The same search as CSV (at most 100,000 rows, newest first)',
    schema: { type: 'string' },
  })
  async csv(@Query() query: AuditQuery): Promise<string> {
    const events = await this.search.export(query);
    return stringify(
      events.map((event) =>
        CSV_COLUMNS.map((column) => {
          const value = event[column];
          return Array.isArray(value)
            ? value.join(' ')
            : typeof value === 'object' && value
              ? JSON.stringify(value)
              : value;
        }),
      ),
      { header: true, columns: [...CSV_COLUMNS], escape_formulas: true },
    );
  }

  @Get('subjects/:id/accesses')
  @Policy('read', 'AuditEvent')
  @ApiOkResponse({ type: AuditEventPageDto, description: 'Who has seen this subject: every access to their records' })
  accesses(@Param() params: SubjectParams, @Query() query: AuditQuery): Promise<AuditEventPageDto> {
    return this.search.whoHasSeen(params.id, query);
  }

  @Get('flags')
  @Policy('read', 'AuditEvent')
  @ApiOkResponse({ type: AccessFlagPageDto, description: 'Unusual access the worker found, newest first' })
  async flags(@Query() query: FlagQuery): Promise<AccessFlagPageDto> {
    const builder = this.dataSource.getRepository(AccessFlag).createQueryBuilder('flag');
    if (query.kind) builder.andWhere('flag.kind = :kind', { kind: query.kind });
    if (query.userId) builder.andWhere('flag.userId = :userId', { userId: query.userId });
    const page = await paginate(builder, query, {
      column: 'createdAt',
      direction: 'DESC',
      keyOf: (flag) => flag.createdAt.toISOString(),
      keyIsValid: isIsoTime,
    });
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.flags_viewed',
      resourceType: 'AccessFlag',
      outcome: 'allowed',
      details: { ids: page.items.map((flag) => flag.id) },
    });
    return {
      items: page.items.map((flag) => ({
        id: flag.id,
        kind: flag.kind,
        userId: flag.userId,
        windowStart: flag.windowStart.toISOString(),
        windowEnd: flag.windowEnd.toISOString(),
        count: flag.count,
        createdAt: flag.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
