import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { NotFoundError } from '../http/domain-errors';
import { AuditVerifyJob, auditVerifyJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditTrailService } from './audit-trail.service';
import { AuditVerification } from './audit-verification.entity';
import { AuditVerificationsRepository } from './audit-verifications.repository';
import { AuditService } from './audit.service';
import { SYSTEM_ACTOR } from './system-actor';

/** A verification that has not moved for this long is looked into by the sweep. */
const STALLED_MS = 2 * 60_000;
/** A verification whose job is still missing after this long is given up (failed), not put back again. */
const GIVE_UP_MS = 60 * 60_000;

/**
 * Verifications of the chain as records: the auditor asks for one (never two at once), the
 * worker walks the chain in batches and writes its progress to the row, then the verdict and
 * the last checkpoint it relied on. The sweep puts a job Redis lost back, or fails the row.
 */
@Injectable()
export class AuditVerificationsService {
  private readonly logger = new Logger(AuditVerificationsService.name);

  constructor(
    private readonly verifications: AuditVerificationsRepository,
    private readonly trail: AuditTrailService,
    private readonly chain: AuditChainRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.audit) private readonly queue: Queue<AuditVerifyJob>,
  ) {}

  /** Queues a verification for `startedBy`, or answers the one under way; `queued` says which. */
  async start(startedBy: string): Promise<{ verification: AuditVerification; queued: boolean }> {
    const started = await this.verifications.transaction(async (tx) => {
      const answer = await this.verifications.queueUnlessUnfinished(tx, startedBy);
      await this.audit.record(tx, {
        action: 'audit_verification.start',
        outcome: 'allowed',
        resourceId: answer.verification.id,
        details: { queued: answer.queued },
      });
      return answer;
    });
    if (started.queued) await this.enqueue(started.verification.id);
    return started;
  }

  /** One verification, its read audited. */
  async read(id: string): Promise<AuditVerification> {
    return this.verifications.transaction(async (tx) => {
      const verification = await this.verifications.find(tx, id);
      if (!verification) throw new NotFoundError('audit_verification');
      await this.audit.record(tx, { action: 'audit_verification.read', outcome: 'allowed', resourceId: id });
      return verification;
    });
  }

  /** The last verifications, newest first, their read audited. */
  latest(limit: number): Promise<AuditVerification[]> {
    return this.verifications.transaction(async (tx) => {
      const found = await this.verifications.latest(tx, limit);
      await this.audit.record(tx, {
        action: 'audit_verification.read',
        outcome: 'allowed',
        details: { ids: found.map((verification) => verification.id) },
      });
      return found;
    });
  }

  /**
   * The worker's run: the chain up to its last link when the run begins, against the checkpoints
   * read before, progress written after each batch. A run cut off (worker gone) starts again
   * from nothing on the retry; the last attempt's failure fails the row.
   */
  async run(id: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<void> {
    try {
      const { checkpoints, external } = await this.trail.trustedCheckpoints();
      const [head, anchor] = [await this.chain.head(), await this.chain.retentionAnchor()];
      const upToSeq = Number(head?.seq ?? 0);
      const begun = await this.verifications.begin(id, {
        total: upToSeq - Number(anchor?.seq ?? 0),
        checkpointsExternal: external,
        checkpointsChecked: checkpoints.length,
        lastCheckpoint: checkpoints[checkpoints.length - 1],
      });
      if (!begun) return; // finished, failed, or not there: nothing to do
      const result = await this.trail.verifyAgainst(checkpoints, external, {
        batch: this.config.get('AUDIT_VERIFY_BATCH'),
        upToSeq,
        onBatch: (checked) => this.verifications.progress(id, checked),
      });
      await this.verifications.transaction(async (tx) => {
        await this.verifications.finish(tx, id, {
          intact: result.ok,
          checked: result.checked,
          firstBadEventId: result.firstBadEventId ?? null,
          problem: result.problem ?? null,
        });
        await this.audit.record(tx, {
          action: 'audit_verification.run',
          outcome: 'allowed',
          resourceId: id,
          severity: result.ok ? 'info' : 'high',
          actor: SYSTEM_ACTOR,
          details: { ok: result.ok, checked: result.checked, problem: result.problem ?? null },
        });
      });
    } catch (error) {
      if (!job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.verifications.fail(id, 'job_failed');
      throw error;
    }
  }

  /**
   * Verifications that have not moved for a while: a job Redis lost is put back (a no-op while
   * it is still there), one BullMQ gave up on is failed, and one missing for an hour is failed.
   */
  async sweep(): Promise<{ requeued: number; failed: number }> {
    const now = this.clock.now().getTime();
    let requeued = 0;
    let failed = 0;
    for (const verification of await this.verifications.stalled(new Date(now - STALLED_MS))) {
      const job = await this.queue.getJob(auditVerifyJobId({ verificationId: verification.id }));
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed' || state === 'completed') {
        await this.verifications.fail(verification.id, 'job_failed');
        failed++;
      } else if (state === 'missing' && now - verification.createdAt.getTime() > GIVE_UP_MS) {
        await this.verifications.fail(verification.id, 'job_lost');
        failed++;
      } else if (state === 'missing') {
        await this.enqueue(verification.id);
        requeued++;
      }
    }
    if (requeued + failed > 0)
      this.logger.log({ event: 'audit.verifications_swept', requeued, failed }, 'stalled verifications swept');
    return { requeued, failed };
  }

  private async enqueue(verificationId: string): Promise<void> {
    const data: AuditVerifyJob = { verificationId };
    const job = this.queue.add(JOBS.auditVerify, data, { jobId: auditVerifyJobId(data) });
    if (!(await withinTime(job, ENQUEUE_TIMEOUT_MS)))
      this.logger.warn({ event: 'audit.verification_deferred' }, 'queue unavailable; the sweep will queue it');
  }
}
