import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, PageQuery, paginate } from '../database/pagination';
import { AuditEvent } from './audit-event.entity';
import { AUDIT_INSERT_SQL, AuditEventRow, auditInsertParameters } from './audit-insert';
import { AuditQuery } from './dto/audit.dto';

/** The auditor's filters: each one SQL on an indexed column; times bound the partitions scanned. */
export type AuditFilter = Omit<AuditQuery, 'limit' | 'cursor'>;

const EQUAL: [keyof AuditFilter, string][] = [
  ['eventId', 'id'],
  ['actorId', 'actorId'],
  ['agencyId', 'actorAgencyId'],
  ['subjectId', 'subjectId'],
  ['resourceType', 'resourceType'],
  ['resourceId', 'resourceId'],
  ['action', 'action'],
  ['outcome', 'outcome'],
];

/** An event's row as `auditEventRow` makes it, for the generated SQL. */
const DUMMY_ROW: AuditEventRow = {
  id: DummyValue.UUID,
  occurredAt: DummyValue.DATE,
  actorId: null,
  actorAgencyId: null,
  actorRoles: ['system'],
  action: 'directory.seed',
  resourceType: 'directory',
  resourceId: null,
  subjectId: null,
  outcome: 'allowed',
  severity: 'info',
  purpose: null,
  requestId: null,
  details: {},
  contentHash: 'a'.repeat(64),
};

const DAY = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' };

/** The trail's events: every write of the application, and reads for callers whose ability reads audit events (auditors). */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Writes events (their rows made by `auditEventRow`) in one statement, in the caller's transaction. */
  @GenerateSql({ params: [DummyValue.tx, [DUMMY_ROW]] })
  async insert(tx: EntityManager, rows: AuditEventRow[]): Promise<void> {
    if (rows.length > 0) await tx.query(AUDIT_INSERT_SQL, auditInsertParameters(rows));
  }

  /** A page of the trail, newest first. */
  @GenerateSql({ name: 'as an auditor', params: [DummyValue.tx, DummyValue.caller.auditor, {}, { limit: 50 }] })
  @GenerateSql({
    name: 'by actor, action and day',
    params: [
      DummyValue.tx,
      DummyValue.caller.auditor,
      { actorId: DummyValue.UUID, action: 'concern.read', ...DAY },
      { limit: 50 },
    ],
  })
  @GenerateSql({
    name: 'who has seen a subject',
    params: [DummyValue.tx, DummyValue.caller.auditor, { subjectId: DummyValue.UUID }, { limit: 50 }],
  })
  @GenerateSql({
    name: 'who has seen a subject, by pseudonym',
    params: [DummyValue.tx, DummyValue.caller.auditor, { pseudonym: 'S-7K3Q9M' }, { limit: 50 }],
  })
  @GenerateSql({
    name: 'one event, as the chain names it',
    params: [DummyValue.tx, DummyValue.caller.auditor, { eventId: DummyValue.UUID }, { limit: 50 }],
  })
  @GenerateSql({ name: 'as an admin', params: [DummyValue.tx, DummyValue.caller.admin, {}, { limit: 50 }] })
  page(tx: EntityManager, ability: AppAbility, filter: AuditFilter, page: PageQuery): Promise<Page<AuditEvent>> {
    return paginate(this.filtered(tx, ability, filter), page, {
      column: 'occurredAt',
      direction: 'DESC',
      keyOf: (event) => event.occurredAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /** The search's events, newest first, at most `limit` (an export). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.auditor, DAY, 100_000] })
  newest(tx: EntityManager, ability: AppAbility, filter: AuditFilter, limit: number): Promise<AuditEvent[]> {
    return this.filtered(tx, ability, filter)
      .orderBy('event.occurredAt', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * One keyset page of an export: the search's events before `until` (when it was asked for) and
   * after `after` in the search's order (newest first, then by id), read from the time index.
   */
  @GenerateSql({
    name: 'first page',
    params: [DummyValue.tx, DummyValue.caller.auditor, DAY, DummyValue.DATE, null, 1000],
  })
  @GenerateSql({
    name: 'next page',
    params: [
      DummyValue.tx,
      DummyValue.caller.auditor,
      { outcome: 'denied' },
      DummyValue.DATE,
      { occurredAt: DummyValue.DATE, id: DummyValue.UUID },
      1000,
    ],
  })
  exportPage(
    tx: EntityManager,
    ability: AppAbility,
    filter: AuditFilter,
    until: Date,
    after: { occurredAt: Date; id: string } | null,
    limit: number,
  ): Promise<AuditEvent[]> {
    const builder = this.filtered(tx, ability, filter).andWhere('event.occurredAt < :until', { until });
    if (after)
      builder.andWhere('(event.occurredAt, event.id) < (:afterAt, :afterId)', {
        afterAt: after.occurredAt,
        afterId: after.id,
      });
    return builder.orderBy('event.occurredAt', 'DESC').addOrderBy('event.id', 'DESC').limit(limit).getMany();
  }

  /** How many events the search finds: said before an export starts. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.auditor, DAY] })
  count(tx: EntityManager, ability: AppAbility, filter: AuditFilter): Promise<number> {
    return this.filtered(tx, ability, filter).getCount();
  }

  /** The pseudonyms of the subjects the events name (never their names), for a caller who reads the trail. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.auditor, DummyValue.UUID_SET] })
  async pseudonyms(tx: EntityManager, ability: AppAbility, subjectIds: string[]): Promise<Map<string, string>> {
    if (subjectIds.length === 0 || !ability.can('read', 'AuditEvent')) return new Map();
    const rows: { id: string; pseudonym: string }[] = await tx.query(
      'SELECT id, pseudonym FROM subjects WHERE id = ANY($1)',
      [subjectIds],
    );
    return new Map(rows.map((row) => [row.id, row.pseudonym]));
  }

  private filtered(tx: EntityManager, ability: AppAbility, filter: AuditFilter): SelectQueryBuilder<AuditEvent> {
    const access = accessSql(ability, 'read', 'AuditEvent', { alias: 'event', columns: {} });
    const builder = tx.getRepository(AuditEvent).createQueryBuilder('event').where(access.sql, access.params);
    for (const [name, column] of EQUAL) {
      if (filter[name] !== undefined) builder.andWhere(`event.${column} = :${name}`, { [name]: filter[name] });
    }
    // A pseudonym names one subject (unique): the auditor starts from what the screens and reports show.
    if (filter.pseudonym !== undefined)
      builder.andWhere('event.subjectId = (SELECT s.id FROM subjects s WHERE s.pseudonym = :pseudonym)', {
        pseudonym: filter.pseudonym,
      });
    if (filter.from) builder.andWhere('event.occurredAt >= :from', { from: new Date(filter.from) });
    if (filter.to) builder.andWhere('event.occurredAt < :to', { to: new Date(filter.to) });
    return builder;
  }
}
