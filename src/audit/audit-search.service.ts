import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { isIsoTime, Page, paginate } from '../database/pagination';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditQuery } from './dto/audit.dto';

/** The most rows one CSV export holds; a narrower search gets the rest. */
export const CSV_LIMIT = 100_000;

type Filter = Omit<AuditQuery, 'limit' | 'cursor'>;

/**
 * The auditor's search over the trail: every filter is SQL on an indexed column, times
 * bound the partitions scanned, and each search or export is itself audited. Answers carry
 * ids and pseudonyms only (DESIGN rule 8).
 */
@Injectable()
export class AuditSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async search(query: AuditQuery): Promise<Page<AuditEventDto>> {
    const page = await paginate(this.filtered(query), query, {
      column: 'occurredAt',
      direction: 'DESC',
      keyOf: (event) => event.occurredAt.toISOString(),
      keyIsValid: isIsoTime,
    });
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.searched',
      resourceType: 'AuditTrail',
      outcome: 'allowed',
      details: { filter: filterOf(query), returned: page.items.length },
    });
    return { items: await this.withPseudonyms(page.items), nextCursor: page.nextCursor };
  }

  /** Every access to the subject's records: by whom, when, what, and how it went. */
  whoHasSeen(subjectId: string, query: AuditQuery): Promise<Page<AuditEventDto>> {
    return this.search({ ...query, subjectId });
  }

  /** The search's events, newest first, at most CSV_LIMIT; the export is audited. */
  async export(query: Filter): Promise<AuditEventDto[]> {
    const events = await this.filtered(query)
      .orderBy('event.occurredAt', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(CSV_LIMIT)
      .getMany();
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.exported',
      resourceType: 'AuditTrail',
      outcome: 'allowed',
      details: { filter: filterOf(query), rows: events.length, format: 'csv' },
    });
    return this.withPseudonyms(events);
  }

  private filtered(query: Filter): SelectQueryBuilder<AuditEvent> {
    const builder = this.dataSource.getRepository(AuditEvent).createQueryBuilder('event');
    const equal: [keyof Filter, string][] = [
      ['actorId', 'actorId'],
      ['agencyId', 'actorAgencyId'],
      ['subjectId', 'subjectId'],
      ['resourceType', 'resourceType'],
      ['resourceId', 'resourceId'],
      ['action', 'action'],
      ['outcome', 'outcome'],
    ];
    for (const [filter, column] of equal) {
      if (query[filter] !== undefined) builder.andWhere(`event.${column} = :${filter}`, { [filter]: query[filter] });
    }
    if (query.from) builder.andWhere('event.occurredAt >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('event.occurredAt < :to', { to: new Date(query.to) });
    return builder;
  }

  private async withPseudonyms(events: AuditEvent[]): Promise<AuditEventDto[]> {
    const subjectIds = [...new Set(events.map((event) => event.subjectId).filter((id): id is string => !!id))];
    const rows: { id: string; pseudonym: string }[] = subjectIds.length
      ? await this.dataSource.query('SELECT id, pseudonym FROM subjects WHERE id = ANY($1)', [subjectIds])
      : [];
    const pseudonyms = new Map(rows.map((row) => [row.id, row.pseudonym]));
    return events.map((event) => ({
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      actorId: event.actorId,
      actorAgencyId: event.actorAgencyId,
      actorRoles: event.actorRoles,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      subjectId: event.subjectId,
      pseudonym: event.subjectId ? (pseudonyms.get(event.subjectId) ?? null) : null,
      purpose: event.purpose,
      outcome: event.outcome,
      severity: event.severity,
      requestId: event.requestId,
      details: event.details,
    }));
  }
}

const FILTERS = [
  'actorId',
  'agencyId',
  'subjectId',
  'resourceType',
  'resourceId',
  'action',
  'outcome',
  'from',
  'to',
] as const;

/** The filters given, for the audit event of the search itself. */
function filterOf(query: Filter): Record<string, string> {
  return Object.fromEntries(FILTERS.filter((key) => query[key] !== undefined).map((key) => [key, String(query[key])]));
}
