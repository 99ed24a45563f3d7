import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Checkpoint } from './checkpoint';

/** A link of the chain: its sequence number, hash and event. */
export interface ChainLink {
  seq: string;
  hash: string;
  event_id: string;
}

/** A link with the event it points at, as stored (the event's columns are null when it is missing). */
export interface LinkRow {
  seq: string;
  event_id: string;
  chain_content_hash: string;
  prev_hash: string;
  hash: string;
  id: string | null;
  occurred_at: Date | null;
  actor_id: string | null;
  actor_agency_id: string | null;
  actor_roles: string[];
  action: string;
  resource_type: string;
  resource_id: string | null;
  subject_id: string | null;
  purpose: string | null;
  outcome: string;
  severity: string;
  request_id: string | null;
  details: Record<string, unknown>;
  content_hash: string | null;
}

/** How many links the verifier reads at a time. */
export const LINK_BATCH = 5000;

const MONTH_PARTITION = /^audit_events_[0-9]{4}_[0-9]{2}$/;

/**
 * The hash chain, its checkpoints and its monthly partitions: what verifying, sealing and
 * retention read and write. Usable outside Nest too (`npm run audit:verify`): construct it on a
 * DataSource.
 */
@Injectable()
export class AuditChainRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** After retention the chain starts at the last link dropped, which must have been sealed. */
  @GenerateSql({ params: [] })
  async retentionAnchor(): Promise<ChainLink | undefined> {
    const [anchor]: ChainLink[] = await this.dataSource.query(
      'SELECT seq, hash, event_id FROM audit_retention ORDER BY seq DESC LIMIT 1',
    );
    return anchor;
  }

  /** The links after `afterSeq`, in order, `limit` at most, each with its event as stored. */
  @GenerateSql({ params: [0, LINK_BATCH] })
  links(afterSeq: number, limit = LINK_BATCH): Promise<LinkRow[]> {
    return this.dataSource.query(
      `SELECT c."seq", c."event_id", c."content_hash" AS chain_content_hash, c."prev_hash", c."hash", e.*
         FROM audit_chain c
         LEFT JOIN audit_events e ON e."id" = c."event_id" AND e."occurred_at" = c."occurred_at"
        WHERE c."seq" > $1
        ORDER BY c."seq"
        LIMIT $2`,
      [afterSeq, limit],
    );
  }

  /** An event no link points at, if there is one. */
  @GenerateSql({ params: [] })
  async firstUnchainedEventId(): Promise<string | undefined> {
    const [unchained]: { id: string }[] = await this.dataSource.query(
      `SELECT e."id" FROM audit_events e
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c."event_id" = e."id" AND c."occurred_at" = e."occurred_at")
        LIMIT 1`,
    );
    return unchained?.id;
  }

  /** The chain's last link. */
  @GenerateSql({ params: [] })
  async head(): Promise<ChainLink | undefined> {
    const [head]: ChainLink[] = await this.dataSource.query(
      'SELECT seq, hash, event_id FROM audit_chain ORDER BY seq DESC LIMIT 1',
    );
    return head;
  }

  /** The last link sealed in the database, 0 if none. */
  @GenerateSql({ params: [] })
  async lastSealedSeq(): Promise<number> {
    const [last]: { seq: string | null }[] = await this.dataSource.query(
      'SELECT max(seq) AS seq FROM audit_checkpoints',
    );
    return Number(last?.seq ?? 0);
  }

  @GenerateSql({ params: [] })
  async checkpoints(): Promise<Checkpoint[]> {
    const rows: { seq: string; event_id: string; hash: string; sealed_at: Date; key_id: string; signature: string }[] =
      await this.dataSource.query('SELECT * FROM audit_checkpoints ORDER BY seq');
    return rows.map((row) => ({
      seq: Number(row.seq),
      eventId: row.event_id,
      hash: row.hash,
      sealedAt: row.sealed_at.toISOString(),
      keyId: row.key_id,
      signature: row.signature,
    }));
  }

  /** Keeps a signed checkpoint of the chain (on its own connection, not in a caller's transaction). */
  @GenerateSql({
    params: [
      {
        seq: 1,
        eventId: DummyValue.UUID,
        hash: '00'.repeat(32),
        sealedAt: '2026-01-01T00:00:00.000Z',
        keyId: DummyValue.STRING,
        signature: DummyValue.STRING,
      },
    ],
  })
  async insertCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_checkpoints (seq, event_id, hash, sealed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        checkpoint.seq,
        checkpoint.eventId,
        checkpoint.hash,
        checkpoint.sealedAt,
        checkpoint.keyId,
        checkpoint.signature,
      ],
    );
  }

  /** The monthly partitions of the trail, oldest first, by name (audit_events_YYYY_MM). */
  @GenerateSql({ params: [] })
  async monthPartitions(): Promise<string[]> {
    const rows: { relname: string }[] = await this.dataSource.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$' ORDER BY c.relname`,
    );
    return rows.map((row) => row.relname);
  }

  /** The last link of one month's chain partition (`yyyy_MM`). */
  @GenerateSql({ params: ['2026_01'] })
  async lastLinkOfMonth(month: string): Promise<ChainLink | undefined> {
    if (!MONTH_PARTITION.test(`audit_events_${month}`)) throw new Error(`not a month: ${month}`);
    const [link]: ChainLink[] = await this.dataSource.query(
      `SELECT seq, hash, event_id FROM "audit_chain_${month}" ORDER BY seq DESC LIMIT 1`,
    );
    return link;
  }

  /** Drops one month of events and links (the database function keeps the retention anchor). */
  @GenerateSql({ params: ['2026-01-01'] })
  async dropMonth(firstDay: string): Promise<void> {
    await this.dataSource.query('SELECT audit_drop_month($1)', [firstDay]);
  }

  /** Makes this month's and the next three months' partitions, where they are missing. */
  @GenerateSql({ params: [] })
  async createComingMonths(): Promise<void> {
    await this.dataSource.query(
      `SELECT audit_create_month(month::date) FROM generate_series(date_trunc('month', now()), date_trunc('month', now()) + interval '3 months', interval '1 month') AS month`,
    );
  }
}
