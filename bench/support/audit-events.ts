import { AUDIT_INSERT_SQL, auditInsertParameters, AuditEventRow } from '../../src/audit/audit-insert';
import { auditEventRow, AuditRecord, AuditActor } from '../../src/audit/audit.service';

/** Anything that runs a parameterised query: a pg Client or Pool, or a TypeORM DataSource or EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type { AuditEventRow };

/** One event hashed exactly as AuditService would hash it, at `at`, for `requestId`. */
export function auditRow(
  record: AuditRecord & { actor: AuditActor },
  requestId: string | null = null,
  at: Date = new Date(),
): AuditEventRow {
  return auditEventRow(record, requestId, at);
}

/**
 * Inserts hashed events in one statement (roles must not contain commas, which no role name does). With
 * `statement`, `db` must be node-postgres's: the statement is prepared once per connection under that name.
 */
export async function insertAuditEvents(db: Queryable, rows: AuditEventRow[], statement?: string): Promise<void> {
  if (rows.length === 0) return;
  const columns = auditInsertParameters(rows);
  if (statement) {
    await (db as unknown as { query(config: object): Promise<unknown> }).query({
      name: statement,
      text: AUDIT_INSERT_SQL,
      values: columns,
    });
  } else {
    await db.query(AUDIT_INSERT_SQL, columns);
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
