import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { AuditChainRepository, ChainLink } from './audit-chain.repository';
import { AuditService } from './audit.service';
import { verifyChain, VerifyProgress, VerifyResult } from './chain-verifier';
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
    private readonly chain: AuditChainRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    const seed = this.config.get('AUDIT_SIGNING_KEY');
    this.key = seed ? signingKeyFrom(seed) : null;
  }

  async verify(): Promise<VerifyResult> {
    const { checkpoints, external } = await this.trustedCheckpoints();
    return verifyChain(this.chain, checkpoints, this.key, external);
  }

  /** The checkpoints a verification holds the chain against, oldest first, and whether they are kept outside. */
  async trustedCheckpoints(): Promise<{ checkpoints: Checkpoint[]; external: boolean }> {
    const directory = this.config.get('AUDIT_CHECKPOINT_DIR');
    const checkpoints = directory ? await readCheckpoints(directory) : await this.chain.checkpoints();
    return { checkpoints, external: Boolean(directory) };
  }

  /** Verifies against checkpoints read before, reporting progress as it goes (a recorded verification). */
  verifyAgainst(checkpoints: Checkpoint[], external: boolean, progress: VerifyProgress): Promise<VerifyResult> {
    return verifyChain(this.chain, checkpoints, this.key, external, progress);
  }

  /** The auditor's check: verifies, and records that it did and what it found (high severity when it fails). */
  async verifyRecorded(): Promise<VerifyResult> {
    const result = await this.verify();
    await this.chain.transaction((tx) =>
      this.audit.record(tx, {
        action: 'audit_event.verify',
        outcome: 'allowed',
        severity: result.ok ? 'info' : 'high',
        details: { ok: result.ok, checked: result.checked, problem: result.problem ?? null },
      }),
    );
    return result;
  }

  /** Signs the chain's last link, outside the database first, then in it. Null if there is nothing new or no key. */
  async seal(): Promise<Checkpoint | null> {
    const head = await this.chain.head();
    if (!head || Number(head.seq) <= (await this.chain.lastSealedSeq())) return null;
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
    const dropped: string[] = [];
    for (const relname of await this.chain.monthPartitions()) {
      const month = DateTime.fromFormat(relname.slice('audit_events_'.length), 'yyyy_MM', { zone: 'utc' });
      if (month.plus({ months: 1 }) > cutoff) continue;
      const link = await this.chain.lastLinkOfMonth(month.toFormat('yyyy_MM'));
      // A month is dropped only once its last link is sealed: verify starts from there.
      if (link && !(await this.sealLink(link))) break;
      await this.chain.dropMonth(month.toISODate()!);
      this.logger.log({ event: 'audit.month_dropped', month: month.toFormat('yyyy-MM') }, 'audit month dropped');
      dropped.push(month.toFormat('yyyy-MM'));
    }
    return dropped;
  }

  /** The next three months' partitions exist before any event needs them; months past retention go. */
  async upkeepPartitions(): Promise<string[]> {
    await this.chain.createComingMonths();
    return this.applyRetention();
  }

  private async sealLink(link: ChainLink): Promise<Checkpoint | null> {
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
    await this.chain.insertCheckpoint(checkpoint);
    this.logger.log({ event: 'audit.sealed', seq: checkpoint.seq }, 'audit chain sealed');
    return checkpoint;
  }
}
