import { AuditRecord } from '../../src/audit/audit.service';
import { auditRow, insertAuditEvents, Queryable } from '../support/audit-events';
import { Actor } from './actor';

/**
 * AuditService.record's rule for break-glass (src/audit/audit.service.ts): an allowed event about a concern a
 * grant opened, or about its subject, is high severity and names the grant.
 */
function underBreakGlass(actor: Actor, record: AuditRecord): AuditRecord {
  if (record.outcome !== 'allowed') return record;
  const grant = actor.breakGlass.find(
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

/** The caller's events, hashed as the API hashes them, in one insert on `db` (the caller's transaction; a pg client or pool). */
export async function recordEvents(
  db: Queryable,
  actor: Actor,
  requestId: string,
  records: AuditRecord[],
  now: Date,
): Promise<void> {
  const by = { id: actor.id, agencyId: actor.agencyId, roles: actor.roles };
  await insertAuditEvents(
    db,
    records.map((record) => auditRow({ ...underBreakGlass(actor, record), actor: by }, requestId, now)),
    'audit-events',
  );
}
