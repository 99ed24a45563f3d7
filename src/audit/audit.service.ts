import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ForbiddenActionError, NotFoundError, ServiceUnavailableError } from '../http/domain-errors';
import { RequestContext } from '../access/request-context';
import { Clock } from '../clock/clock';
import { AuditOutcome, AuditSeverity } from './audit-event.entity';
import { contentHash, HashedFields } from './audit-hash';
import { AUDIT_INSERT_SQL, auditInsertParameters } from './audit-insert';

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
  private readonly logger = new Logger(AuditService.name);

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

  /**
   * Several events in one insert (a list answer: one event per record shown). Fails closed: if the events cannot be written, the caller's transaction fails with a 503,
   * so nothing is read or changed without its record.
   */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await manager.query(AUDIT_INSERT_SQL, auditInsertParameters(records.map((record) => this.row(record))));
    } catch (error) {
      this.logger.error(
        { event: 'audit.write_failed', code: (error as { code?: string }).code ?? null, actions: records.length },
        'an audit event could not be written; the request is refused',
      );
      throw new ServiceUnavailableError('The access could not be recorded, so it was not given; try again later', {
        audit: 'down',
      });
    }
  }

  private row(record: AuditRecord) {
    const caller = this.context.actor;
    const actor = record.actor ?? {
      id: caller?.id ?? null,
      agencyId: caller?.agencyId ?? null,
      roles: caller?.roles ?? [],
    };
    const grants = record.actor ? [] : (this.context.actor?.breakGlass ?? []);
    return auditEventRow(
      { ...underBreakGlass(record, grants), actor },
      this.context.requestId ?? null,
      this.clock.now(),
    );
  }
}

/**
 * Every use of a break-glass grant — its concern, or anything about its subject while it lasts —
 * is a high-severity event naming the grant (DESIGN rule 7).
 */
export function underBreakGlass(
  record: AuditRecord,
  grants: readonly { grantId: string; concernId: string; subjectId: string }[],
): AuditRecord {
  if (record.outcome !== 'allowed') return record;
  const grant = grants.find(
    (candidate) =>
      (record.resourceType === 'Concern' && candidate.concernId === record.resourceId) ||
      (record.subjectId && candidate.subjectId === record.subjectId),
  );
  if (!grant) return record;
  return {
    ...record,
    severity: 'high',
    purpose: `break-glass:${grant.grantId}`,
    details: { ...record.details, breakGlassGrantId: grant.grantId },
  };
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
