import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceUnavailableError } from '../http/domain-errors';
import { RequestContext } from '../access/request-context';
import { Clock } from '../clock/clock';
import {
  AUDIT_ACTIONS,
  AuditAction,
  ResourceType,
  resourceTypeOf,
  SubjectlessAction,
  SubjectRequiredAction,
} from './audit-actions';
import { AuditOutcome, AuditSeverity } from './audit-event.entity';
import { contentHash, HashedFields } from './audit-hash';
import { AuditEventsRepository } from './audit-events.repository';

export interface AuditActor {
  id: string | null;
  agencyId: string | null;
  roles: string[];
}

interface EventFields {
  /** Defaults to the action's own (`concern` for `concern.read`); another where the event is about a record of another kind. */
  resourceType?: ResourceType;
  resourceId?: string | null;
  severity?: AuditSeverity;
  purpose?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the authenticated caller; login names the account it concerns. */
  actor?: AuditActor;
}

/** An allowed event names the subject where its action requires one (see AUDIT_ACTIONS), and never where it has none. */
type AllowedEvent<A extends AuditAction> = EventFields & {
  action: A;
  outcome: 'allowed';
} & (A extends SubjectRequiredAction
    ? { subjectId: string }
    : A extends SubjectlessAction
      ? { subjectId?: null }
      : { subjectId?: string | null });

/** A refusal may leave out whose record it would have been. */
export type DeniedEvent = EventFields & { action: AuditAction; outcome: 'denied'; subjectId?: string | null };

export type AuditRecord = { [A in AuditAction]: AllowedEvent<A> }[AuditAction] | DeniedEvent;

/**
 * Writes audit events. It always writes through the caller's EntityManager, so the event
 * commits or rolls back together with the change it describes.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly events: AuditEventsRepository,
  ) {}

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
      await this.events.insert(
        manager,
        records.map((record) => this.row(record)),
      );
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
      (resourceTypeOfEvent(record) === 'concern' && candidate.concernId === record.resourceId) ||
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
  assertSubjectRule(record);
  const fields: HashedFields = {
    id: randomUUID(),
    occurredAt: now,
    actorId: record.actor.id,
    actorAgencyId: record.actor.agencyId,
    actorRoles: record.actor.roles,
    action: record.action,
    resourceType: resourceTypeOfEvent(record),
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

function resourceTypeOfEvent(record: AuditRecord): ResourceType {
  return record.resourceType ?? resourceTypeOf(record.action);
}

/**
 * The catalogue's subject rule, checked as the row is made (the types check it where the action
 * is known when compiling): an allowed event of an action that requires a subject names one, and
 * an action about no one's records never does. A breach is a bug, so it throws.
 */
export function assertSubjectRule(record: { action: string; outcome: AuditOutcome; subjectId?: string | null }): void {
  const spec = (AUDIT_ACTIONS as Record<string, { subjectId: string } | undefined>)[record.action];
  if (!spec) throw new Error(`${record.action} is not an audit action of the catalogue`);
  if (spec.subjectId === 'required' && record.outcome === 'allowed' && !record.subjectId) {
    throw new Error(`An allowed ${record.action} event must name its subject`);
  }
  if (spec.subjectId === 'none' && record.subjectId) {
    throw new Error(`A ${record.action} event is about no subject's records, so it names none`);
  }
}
