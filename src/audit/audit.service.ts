import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { RequestContext } from '../access/request-context';
import { Clock } from '../clock/clock';
import { AuditEvent, AuditOutcome, AuditSeverity } from './audit-event.entity';
import { contentHash, HashedFields } from './audit-hash';

export interface AuditActor {
  id: string | null;
  agencyId: string | null;
  roles: string[];
}

export interface AuditRecord {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  subjectId?: string | null;
  outcome: AuditOutcome;
  severity?: AuditSeverity;
  purpose?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the authenticated caller; login names the account it concerns. */
  actor?: AuditActor;
}

/**
 * Writes audit events. It always writes through the caller's EntityManager, so the event
 * commits or rolls back together with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly context: RequestContext,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` (which opens its own transaction); if it refuses the caller — not visible
   * (404) or not allowed (403) — the refusal is recorded as denied after the rollback.
   */
  async refusalsRecorded<T>(
    action: string,
    resourceType: string,
    resourceId: string,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ForbiddenActionError) {
        await this.record(this.dataSource.manager, { action, resourceType, resourceId, outcome: 'denied' });
      }
      throw error;
    }
  }

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await this.recordMany(manager, [record]);
  }

  /** Several events in one insert (a list answer: one event per record shown). */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await manager.insert(
      AuditEvent,
      records.map((record) => this.row(record)),
    );
  }

  private row(record: AuditRecord) {
    const caller = this.context.actor;
    const actor = record.actor ?? {
      id: caller?.id ?? null,
      agencyId: caller?.agencyId ?? null,
      roles: caller?.roles ?? [],
    };
    return auditEventRow({ ...record, actor }, this.context.requestId ?? null, this.clock.now());
  }
}

/**
 * The row of an event, with its id, time and content hash. For writers outside a request
 * (the demo seed); everything else goes through AuditService.
 */
export function auditEventRow(record: AuditRecord & { actor: AuditActor }, requestId: string | null, now: Date) {
  const fields: HashedFields = {
    id: randomUUID(),
    occurredAt: now,
    actorId: record.actor.id,
    actorAgencyId: record.actor.agencyId,
    actorRoles: record.actor.roles,
    action: record.action,
    resourceType: record.resourceType,
    resourceId: record.resourceId ?? null,
    subjectId: record.subjectId ?? null,
    outcome: record.outcome,
    severity: record.severity ?? 'info',
    purpose: record.purpose ?? null,
    requestId,
    // Through JSON and back: what jsonb will store, so the hash is of what is kept.
    details: JSON.parse(JSON.stringify(record.details ?? {})) as Record<string, unknown>,
  };
  return {
    ...fields,
    outcome: record.outcome,
    severity: record.severity ?? 'info',
    // jsonb: TypeORM's insert typing cannot express an open record.
    details: fields.details as object,
    contentHash: contentHash(fields),
  };
}
