import { Pool } from 'pg';
import { Actor } from './actor';
import { recordEvents } from './audit';
import { encodeCursor, invalid, isUuid, pageAsked } from './http';

/** The auditor's filters (src/audit/dto/audit.dto.ts), each an equality on an indexed column but the times. */
const EQUAL: [string, string, 'uuid' | 'text'][] = [
  ['actorId', 'actor_id', 'uuid'],
  ['agencyId', 'actor_agency_id', 'uuid'],
  ['subjectId', 'subject_id', 'uuid'],
  ['resourceType', 'resource_type', 'text'],
  ['resourceId', 'resource_id', 'text'],
  ['action', 'action', 'text'],
  ['outcome', 'outcome', 'text'],
];
const FILTERS = ['actorId', 'agencyId', 'subjectId', 'resourceType', 'resourceId', 'action', 'outcome', 'from', 'to'];

/** GET /api/v1/audit/events: newest first, with pseudonyms; the search itself is audited after it. */
export async function searchAuditTrail(db: Pool, actor: Actor, query: URLSearchParams, now: Date, requestId: string) {
  const page = pageAsked(query, 'time', FILTERS);
  const where: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  for (const [name, column, kind] of EQUAL) {
    const value = query.get(name);
    if (value === null) continue;
    if (kind === 'uuid' && !isUuid(value)) throw invalid(`${name} must be a UUID`);
    if (name === 'outcome' && value !== 'allowed' && value !== 'denied') throw invalid('outcome is allowed or denied');
    where.push(`e.${column} = ${bind(value)}`);
  }
  for (const [name, operator] of [
    ['from', '>='],
    ['to', '<'],
  ] as const) {
    const value = query.get(name);
    if (value === null) continue;
    if (Number.isNaN(Date.parse(value))) throw invalid(`${name} must be an ISO 8601 time`);
    where.push(`e.occurred_at ${operator} ${bind(new Date(value))}`);
  }
  if (page.cursor) {
    const key = bind(page.cursor.key);
    where.push(`e.occurred_at <= ${key} AND (e.occurred_at, e.id) < (${key}, ${bind(page.cursor.id)})`);
  }
  const { rows } = await db.query(
    `SELECT e.*, s.pseudonym FROM audit_events e LEFT JOIN subjects s ON s.id = e.subject_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${bind(page.limit + 1)}`,
    values,
  );
  const shown = rows.slice(0, page.limit);
  const filter = Object.fromEntries(
    FILTERS.filter((name) => query.get(name) !== null).map((name) => [name, query.get(name)!]),
  );
  await recordEvents(
    db,
    actor,
    requestId,
    [
      {
        action: 'audit_event.list',
        outcome: 'allowed',
        details: { filter, returned: shown.length },
      },
    ],
    now,
  );
  const last = shown[shown.length - 1];
  return {
    items: shown.map((event) => ({
      id: event.id,
      occurredAt: event.occurred_at.toISOString(),
      actorId: event.actor_id,
      actorAgencyId: event.actor_agency_id,
      actorRoles: event.actor_roles,
      action: event.action,
      resourceType: event.resource_type,
      resourceId: event.resource_id,
      subjectId: event.subject_id,
      pseudonym: event.subject_id ? (event.pseudonym ?? null) : null,
      purpose: event.purpose,
      outcome: event.outcome,
      severity: event.severity,
      requestId: event.request_id,
      details: event.details,
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.occurred_at.toISOString(), last.id) : null,
  };
}
