import { AuditRecord, underBreakGlass } from '../../src/audit/audit.service';
import { auditRow, insertAuditEvents, Queryable } from '../support/audit-events';
import { Actor } from './actor';

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
    records.map((record) => auditRow({ ...underBreakGlass(record, actor.breakGlass), actor: by }, requestId, now)),
    'audit-events',
  );
}
