import { auditEventRow, AuditRecord, AuditActor } from '../../src/audit/audit.service';

/** Anything that runs a parameterised query: a pg Client or Pool, or a TypeORM DataSource or EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** An event's row as the application writes it: fields, time and content hash (src/audit/audit.service.ts). */
export type AuditEventRow = ReturnType<typeof auditEventRow>;

/** One event hashed exactly as AuditService would hash it, at `at`, for `requestId`. */
export function auditRow(
  record: AuditRecord & { actor: AuditActor },
  requestId: string | null = null,
  at: Date = new Date(),
): AuditEventRow {
  return auditEventRow(record, requestId, at);
}

/**
 * Every column of audit_events from arrays, one element per event: one statement for many events,
 * however many. The deferred chain trigger links them when the caller's transaction commits, so
 * the chain stays valid (audit_events' own triggers do all of it; nothing here touches the chain).
 */
const INSERT = `
INSERT INTO audit_events ("id", "occurred_at", "actor_id", "actor_agency_id", "actor_roles", "action", "resource_type",
                          "resource_id", "subject_id", "purpose", "outcome", "severity", "request_id", "details", "content_hash")
SELECT id, at, actor, agency, string_to_array(roles, ','), action, resource_type, resource, subject, purpose,
       outcome::audit_outcome, severity::audit_severity, request, details, hash
  FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[])
       AS t(id, at, actor, agency, roles, action, resource_type, resource, subject, purpose, outcome, severity, request,
            details, hash)`;

/**
 * Inserts hashed events in one statement (roles must not contain commas, which no role name does). With
 * `statement`, `db` must be node-postgres's: the statement is prepared once per connection under that name.
 */
export async function insertAuditEvents(db: Queryable, rows: AuditEventRow[], statement?: string): Promise<void> {
  if (rows.length === 0) return;
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
    values.forEach((value, column) => columns[column]!.push(value));
  }
  if (statement) {
    await (db as unknown as { query(config: object): Promise<unknown> }).query({
      name: statement,
      text: INSERT,
      values: columns,
    });
  } else {
    await db.query(INSERT, columns);
  }
}

/** Creates the monthly partitions of audit_events and audit_chain from `from` to this month. */
export async function createAuditMonths(db: Queryable, from: Date): Promise<void> {
  await db.query(
    `SELECT audit_create_month(m::date)
       FROM generate_series(date_trunc('month', $1::timestamptz), date_trunc('month', now()), interval '1 month') m`,
    [from],
  );
}

/**
 * Loads `count` events spread evenly from `from` to `to`, in batches of `batch` (one statement and one
 * commit each, so the chain trigger links each batch as it commits), `event(index)` making each.
 * Returns the events per second.
 */
export async function loadAuditEvents(
  db: Queryable,
  options: {
    count: number;
    from: Date;
    to: Date;
    batch?: number;
    event: (index: number) => AuditRecord & { actor: AuditActor };
    progress?: (loaded: number, perSecond: number) => void;
  },
): Promise<number> {
  const batch = options.batch ?? 10_000;
  const step = (options.to.getTime() - options.from.getTime()) / Math.max(1, options.count);
  await createAuditMonths(db, options.from);
  const started = Date.now();
  for (let offset = 0; offset < options.count; offset += batch) {
    const rows: AuditEventRow[] = [];
    for (let index = offset; index < Math.min(options.count, offset + batch); index++) {
      rows.push(auditRow(options.event(index), null, new Date(options.from.getTime() + index * step)));
    }
    await insertAuditEvents(db, rows);
    const loaded = offset + rows.length;
    if (options.progress && ((offset / batch) % 50 === 0 || loaded === options.count)) {
      options.progress(loaded, Math.round(loaded / Math.max(0.001, (Date.now() - started) / 1000)));
    }
  }
  return Math.round(options.count / Math.max(0.001, (Date.now() - started) / 1000));
}
