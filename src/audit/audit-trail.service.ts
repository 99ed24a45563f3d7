import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { verifyChain, VerifyResult } from './chain-verifier';
import {
  appendCheckpoint,
  Checkpoint,
  readCheckpoints,
  signCheckpoint,
  SigningKey,
  signingKeyFrom,
} from './checkpoint';

interface Link {
  seq: string;
  hash: string;
  event_id: string;
}

/**
 * The chain's integrity: sealing (the worker) and verifying (the auditor, `npm run audit:verify`).
 * Verification trusts the checkpoints outside the database when a directory is configured,
 * since whoever can rewrite the table can rewrite the checkpoints kept in it too.
 */
@Injectable()
export class AuditTrailService {
  private readonly logger = new Logger(AuditTrailService.name);
  private readonly key: SigningKey | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    const seed = this.config.get('AUDIT_SIGNING_KEY');
    this.key = seed ? signingKeyFrom(seed) : null;
  }

  async verify(): Promise<VerifyResult> {
    const directory = this.config.get('AUDIT_CHECKPOINT_DIR');
    const checkpoints = directory ? await readCheckpoints(directory) : await this.storedCheckpoints();
    return verifyChain(this.dataSource.manager, checkpoints, this.key, Boolean(directory));
  }

  /** Signs the chain's last link, outside the database first, then in it. Null if there is nothing new or no key. */
  async seal(): Promise<Checkpoint | null> {
    const [head]: Link[] = await this.dataSource.query(
      'SELECT seq, hash, event_id FROM audit_chain ORDER BY seq DESC LIMIT 1',
    );
    const [last]: { seq: string | null }[] = await this.dataSource.query(
      'SELECT max(seq) AS seq FROM audit_checkpoints',
    );
    if (!head || Number(head.seq) <= Number(last?.seq ?? 0)) return null;
    return this.sealLink(head);
  }

  /**
   * Drops every month of events older than AUDIT_RETENTION_MONTHS (never shorter than the case
   * records they describe), sealing each month's last link first: it is where the chain starts now.
   */
  async applyRetention(): Promise<string[]> {
    const cutoff = DateTime.fromJSDate(this.clock.now(), { zone: 'utc' })
      .startOf('month')
      .minus({ months: this.config.get('AUDIT_RETENTION_MONTHS') });
    const partitions: { relname: string }[] = await this.dataSource.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$' ORDER BY c.relname`,
    );
    const dropped: string[] = [];
    for (const { relname } of partitions) {
      const month = DateTime.fromFormat(relname.slice('audit_events_'.length), 'yyyy_MM', { zone: 'utc' });
      if (month.plus({ months: 1 }) > cutoff) continue;
      const [link]: Link[] = await this.dataSource.query(
        `SELECT seq, hash, event_id FROM "audit_chain_${month.toFormat('yyyy_MM')}" ORDER BY seq DESC LIMIT 1`,
      );
      // A month is dropped only once its last link is sealed: verify starts from there.
      if (link && !(await this.sealLink(link))) break;
      await this.dataSource.query('SELECT audit_drop_month($1)', [month.toISODate()]);
      this.logger.log({ event: 'audit.month_dropped', month: month.toFormat('yyyy-MM') }, 'audit month dropped');
      dropped.push(month.toFormat('yyyy-MM'));
    }
    return dropped;
  }

  private async sealLink(link: Link): Promise<Checkpoint | null> {
    if (!this.key) {
      this.logger.warn({ event: 'audit.seal_skipped' }, 'no AUDIT_SIGNING_KEY: the audit chain is not sealed');
      return null;
    }
    const checkpoint = signCheckpoint(
      { seq: Number(link.seq), eventId: link.event_id, hash: link.hash, sealedAt: this.clock.now().toISOString() },
      this.key,
    );
    const directory = this.config.get('AUDIT_CHECKPOINT_DIR');
    if (directory) await appendCheckpoint(directory, checkpoint);
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
    this.logger.log({ event: 'audit.sealed', seq: checkpoint.seq }, 'audit chain sealed');
    return checkpoint;
  }

  private async storedCheckpoints(): Promise<Checkpoint[]> {
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
}
