import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Role } from '../users/role';
import { AuditExport, AuditExportState } from './audit-export.entity';
import type { AuditFilter } from './audit-events.repository';

/** An export as its screens show it: everything but the file. */
export type AuditExportSummary = Omit<AuditExport, 'file' | 'requester'>;

/** What the worker needs to write an export: the search, its bound in time, and who asked. */
export interface ClaimedExport {
  id: string;
  requesterId: string;
  filters: AuditFilter;
  createdAt: Date;
}

/** Who asked for an export, as the worker rebuilds their access: an auditor no longer gets nothing. */
export interface Requester {
  id: string;
  agencyId: string;
  roles: Role[];
  active: boolean;
}

const SUMMARY = `id, requester_id AS "requesterId", filters, purpose, state, row_count AS "rowCount",
       created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt", expires_at AS "expiresAt"`;

const QUEUED: AuditExportState = 'queued';
const RUNNING: AuditExportState = 'running';
const READY: AuditExportState = 'ready';
const FAILED: AuditExportState = 'failed';
const EXPIRED: AuditExportState = 'expired';
/** The states of an export the worker has not finished: a job should exist for each. */
const UNFINISHED: AuditExportState[] = [QUEUED, RUNNING];

/** The auditors' exports of the trail: asked for by the API, written and expired by the worker. */
@Injectable()
export class AuditExportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      { id: DummyValue.UUID, requesterId: DummyValue.UUID, filters: {}, purpose: 'Review', createdAt: DummyValue.DATE },
    ],
  })
  async insert(
    tx: EntityManager,
    row: { id: string; requesterId: string; filters: AuditFilter; purpose: string; createdAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO audit_exports (id, requester_id, filters, purpose, state, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.requesterId, JSON.stringify(row.filters), row.purpose, QUEUED, row.createdAt],
    );
  }

  /** The caller's own exports, newest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 50] })
  mine(tx: EntityManager, requesterId: string, limit: number): Promise<AuditExportSummary[]> {
    return tx.query(
      `SELECT ${SUMMARY} FROM audit_exports WHERE requester_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [requesterId, limit],
    );
  }

  /** One of the caller's exports; another's is not found. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID] })
  async oneOf(tx: EntityManager, id: string, requesterId: string): Promise<AuditExportSummary | null> {
    const rows: AuditExportSummary[] = await tx.query(
      `SELECT ${SUMMARY} FROM audit_exports WHERE id = $1 AND requester_id = $2`,
      [id, requesterId],
    );
    return rows[0] ?? null;
  }

  /** The file of one of the caller's exports (gzipped CSV), null unless ready. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID] })
  async fileOf(tx: EntityManager, id: string, requesterId: string): Promise<Buffer | null> {
    const rows: { file: Buffer | null }[] = await tx.query(
      `SELECT file FROM audit_exports WHERE id = $1 AND requester_id = $2 AND state = $3`,
      [id, requesterId, READY],
    );
    return rows[0]?.file ?? null;
  }

  /** Marks an unfinished export running and gives what writing it needs; null when it is finished already. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.DATE] })
  async claim(id: string, now: Date): Promise<ClaimedExport | null> {
    const [rows]: [ClaimedExport[], number] = await this.dataSource.query(
      `UPDATE audit_exports SET state = $3, started_at = $2
        WHERE id = $1 AND state = ANY($4)
        RETURNING id, requester_id AS "requesterId", filters, created_at AS "createdAt"`,
      [id, now, RUNNING, UNFINISHED],
    );
    return rows[0] ?? null;
  }

  /** The requester's roles and agency as they are now. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async requester(userId: string): Promise<Requester | null> {
    const rows: Requester[] = await this.dataSource.query(
      'SELECT id, agency_id AS "agencyId", roles, active FROM users WHERE id = $1',
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Stores the written file, once: false when another run finished it first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, Buffer.alloc(0), 0, DummyValue.DATE, DummyValue.DATE] })
  async finish(
    tx: EntityManager,
    id: string,
    file: Buffer,
    rowCount: number,
    now: Date,
    expiresAt: Date,
  ): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE audit_exports SET state = $6, file = $2, row_count = $3, finished_at = $4, expires_at = $5
        WHERE id = $1 AND state = $7`,
      [id, file, rowCount, now, expiresAt, READY, RUNNING],
    );
    return count > 0;
  }

  /** Marks an unfinished export failed: false when it was not unfinished. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async fail(tx: EntityManager, id: string, now: Date): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE audit_exports SET state = $3, finished_at = $2 WHERE id = $1 AND state = ANY($4)`,
      [id, now, FAILED, UNFINISHED],
    );
    return count > 0;
  }

  /** Unfinished exports asked for before `before`: the sweep makes sure each has its job. */
  @GenerateSql({ params: [DummyValue.DATE, 500] })
  async unfinished(before: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM audit_exports WHERE state = ANY($3) AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit, UNFINISHED],
    );
    return rows.map((row) => row.id);
  }

  /** Removes the files of ready exports past their expiry (the rows stay): which ones. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.DATE, 500] })
  async expire(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE audit_exports SET state = $3, file = NULL
        WHERE id IN (SELECT id FROM audit_exports WHERE state = $4 AND expires_at <= $1 ORDER BY expires_at LIMIT $2
                     FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, limit, EXPIRED, READY],
    );
    return rows.map((row) => row.id);
  }
}
