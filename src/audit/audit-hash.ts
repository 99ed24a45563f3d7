import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit event's fields as stored: everything the hash covers. */
export interface HashedFields {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorAgencyId: string | null;
  actorRoles: string[];
  action: string;
  resourceType: string;
  resourceId: string | null;
  subjectId: string | null;
  purpose: string | null;
  outcome: string;
  severity: string;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** An audit_events row as PostgreSQL returns it, read back into the fields the hash covers. */
export function fieldsOfRow(row: Record<string, unknown>): HashedFields {
  return {
    id: row.id as string,
    occurredAt: new Date(row.occurred_at as Date),
    actorId: row.actor_id as string | null,
    actorAgencyId: row.actor_agency_id as string | null,
    actorRoles: row.actor_roles as string[],
    action: row.action as string,
    resourceType: row.resource_type as string,
    resourceId: row.resource_id as string | null,
    subjectId: row.subject_id as string | null,
    purpose: row.purpose as string | null,
    outcome: row.outcome as string,
    severity: row.severity as string,
    requestId: row.request_id as string | null,
    details: row.details as Record<string, unknown>,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The event's canonical form: its fields as JSON in the RFC 8785 canonical serialisation
 * (sorted keys, fixed number and string forms), so the same event always gives the same
 * text, whatever order PostgreSQL's jsonb returns its details in. `v` names this format.
 */
export function canonicalForm(event: HashedFields): string {
  return canonicalize({
    v: 1,
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorAgencyId: event.actorAgencyId,
    actorRoles: event.actorRoles,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    subjectId: event.subjectId,
    purpose: event.purpose,
    outcome: event.outcome,
    severity: event.severity,
    requestId: event.requestId,
    details: event.details,
  })!;
}

export function contentHash(event: HashedFields): string {
  return sha256(canonicalForm(event));
}

/**
 * A link of the chain: its place, the previous link's hash and the event's content hash.
 * PostgreSQL computes the same text in the chain trigger (see the AuditTrail migration).
 */
export function chainHash(seq: number | string, previousHash: string, eventContentHash: string): string {
  return sha256(`${seq}:${previousHash}:${eventContentHash}`);
}
