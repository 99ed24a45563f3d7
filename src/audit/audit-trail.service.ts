import { Injectable, Logger } from '@nestjs/common';
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
    if (!this.key) {
      this.logger.warn({ event: 'audit.seal_skipped' }, 'no AUDIT_SIGNING_KEY: the audit chain is not sealed');
      return null;
    }
    const [head]: { seq: string; hash: string; event_id: string | null }[] = await this.dataSource.query(
      'SELECT seq, hash, event_id FROM audit_chain ORDER BY seq DESC LIMIT 1',
    );
    const [last]: { seq: string | null }[] = await this.dataSource.query(
      'SELECT max(seq) AS seq FROM audit_checkpoints',
    );
    if (!head?.event_id || Number(head.seq) <= Number(last?.seq ?? 0)) return null;
    const checkpoint = signCheckpoint(
      { seq: Number(head.seq), eventId: head.event_id, hash: head.hash, sealedAt: this.clock.now().toISOString() },
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
