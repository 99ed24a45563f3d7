import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Page } from '../database/pagination';
import { AuditEvent } from './audit-event.entity';
import { AuditEventsRepository, AuditFilter } from './audit-events.repository';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/audit.dto';

/** The most rows one CSV export holds; a narrower search gets the rest. */
export const CSV_LIMIT = 100_000;

/** An event as the auditor sees it: with the pseudonym of the subject it names (never the name). */
export interface AuditEntry {
  event: AuditEvent;
  pseudonym: string | null;
}

/**
 * The auditor's search over the trail: every filter is SQL on an indexed column, times
 * bound the partitions scanned, and each search or export is itself audited (in the same
 * transaction as the read). Answers carry ids and pseudonyms only (DESIGN rule 8).
 */
@Injectable()
export class AuditSearchService {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly audit: AuditService,
  ) {}

  search(ability: AppAbility, query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.events.transaction(async (tx) => {
      const found = await this.events.page(tx, ability, query, query);
      await this.audit.record(tx, {
        action: 'audit_event.list',
        outcome: 'allowed',
        details: { filter: filterOf(query), returned: found.items.length },
      });
      return { items: await this.withPseudonyms(tx, ability, found.items), nextCursor: found.nextCursor };
    });
  }

  /** Every access to the subject's records: by whom, when, what, and how it went. */
  whoHasSeen(ability: AppAbility, subjectId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.search(ability, { ...query, subjectId });
  }

  /** The search's events, newest first, at most CSV_LIMIT; the export is audited. */
  export(ability: AppAbility, filter: AuditFilter): Promise<AuditEntry[]> {
    return this.events.transaction(async (tx) => {
      const events = await this.events.newest(tx, ability, filter, CSV_LIMIT);
      await this.audit.record(tx, {
        action: 'audit_event.export',
        outcome: 'allowed',
        details: { filter: filterOf(filter), rows: events.length, format: 'csv' },
      });
      return this.withPseudonyms(tx, ability, events);
    });
  }

  /** The pseudonyms of the subjects the events name, for the search's answer or an export's rows. */
  async withPseudonyms(tx: EntityManager, ability: AppAbility, events: AuditEvent[]): Promise<AuditEntry[]> {
    const subjectIds = [...new Set(events.map((event) => event.subjectId).filter((id): id is string => !!id))];
    const pseudonyms = await this.events.pseudonyms(tx, ability, subjectIds);
    return events.map((event) => ({
      event,
      pseudonym: event.subjectId ? (pseudonyms.get(event.subjectId) ?? null) : null,
    }));
  }
}

const FILTERS = [
  'eventId',
  'actorId',
  'agencyId',
  'subjectId',
  'pseudonym',
  'resourceType',
  'resourceId',
  'action',
  'outcome',
  'from',
  'to',
] as const;

/** The filters given (no paging), for the audit event of the search itself and an export's record. */
export function filterOf(query: AuditFilter): Record<string, string> {
  return Object.fromEntries(FILTERS.filter((key) => query[key] !== undefined).map((key) => [key, String(query[key])]));
}
