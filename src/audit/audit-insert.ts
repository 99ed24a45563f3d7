import type { auditEventRow } from './audit.service';

/** An event's row as it is written: its fields, time and content hash. */
export type AuditEventRow = ReturnType<typeof auditEventRow>;

/**
 * Every column of audit_events from arrays, one element per event: one short statement for any
 * number of events (a list page writes one per row shown), with fifteen parameters, not fifteen
 * per event. The deferred chain trigger links them when the caller's transaction commits.
 * Role names hold no commas, so the roles travel as one comma-joined text each.
 */
export const AUDIT_INSERT_SQL = `
INSERT INTO audit_events ("id", "occurred_at", "actor_id", "actor_agency_id", "actor_roles", "action", "resource_type",
                          "resource_id", "subject_id", "purpose", "outcome", "severity", "request_id", "details", "content_hash")
SELECT id, at, actor, agency, string_to_array(roles, ','), action, resource_type, resource, subject, purpose,
       outcome::audit_outcome, severity::audit_severity, request, details, hash
  FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[])
       AS t(id, at, actor, agency, roles, action, resource_type, resource, subject, purpose, outcome, severity, request,
            details, hash)`;

/** The parameters of AUDIT_INSERT_SQL: one array per column. */
export function auditInsertParameters(rows: AuditEventRow[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 15 }, () => []);
  for (const row of rows) {
    const values = [
      row.id,
      row.occurredAt,
      row.actorId,
      row.actorAgencyId,
      row.actorRoles.join(','),
      row.action,
      row.resourceType,
      row.resourceId,
      row.subjectId,
      row.purpose,
      row.outcome,
      row.severity,
      row.requestId,
      JSON.stringify(row.details),
      row.contentHash,
    ];
    values.forEach((value, column) => columns[column].push(value));
  }
  return columns;
}
