import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { AuditVerification, VerificationState } from './audit-verification.entity';
import { ChainProblem } from './chain-verifier';
import { Checkpoint } from './checkpoint';

/** Taken by whoever asks for a verification, so two asking at once find one queued, not queue two. */
const ONE_AT_A_TIME_LOCK = 'audit_verification';

const QUEUED: VerificationState = 'queued';
const RUNNING: VerificationState = 'running';
const FINISHED: VerificationState = 'finished';
const FAILED: VerificationState = 'failed';

/** How a verification began: how much there is to check, and the checkpoints it holds the chain against. */
export interface VerificationStart {
  total: number;
  checkpointsExternal: boolean;
  checkpointsChecked: number;
  lastCheckpoint: Checkpoint | undefined;
}

/** How a verification ended. */
export interface VerificationEnd {
  intact: boolean;
  checked: number;
  firstBadEventId: string | null;
  problem: ChainProblem | null;
}

/** The verifications of the chain: asked for by the auditor, run and written by the worker. */
@Injectable()
export class AuditVerificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The verification not yet finished, if there is one; else a new one, queued. Serialised by an
   * advisory lock held to the end of `tx`, so there are never two at once.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async queueUnlessUnfinished(
    tx: EntityManager,
    startedBy: string | null,
  ): Promise<{ verification: AuditVerification; queued: boolean }> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ONE_AT_A_TIME_LOCK]);
    const unfinished = await tx
      .getRepository(AuditVerification)
      .createQueryBuilder('v')
      .where('v.state IN (:...states)', { states: [QUEUED, RUNNING] })
      .orderBy('v.createdAt', 'ASC')
      .getOne();
    if (unfinished) return { verification: unfinished, queued: false };
    const verification = await tx.getRepository(AuditVerification).save({ state: QUEUED, startedBy });
    return { verification: (await this.find(tx, verification.id))!, queued: true };
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  find(tx: EntityManager | null, id: string): Promise<AuditVerification | null> {
    return (tx ?? this.dataSource.manager).getRepository(AuditVerification).findOneBy({ id });
  }

  /** The last verifications asked for, newest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.NUMBER] })
  latest(tx: EntityManager, limit: number): Promise<AuditVerification[]> {
    return tx.getRepository(AuditVerification).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  /** The worker takes it on (again, if a run before was cut off): progress starts from nothing. */
  @GenerateSql({
    params: [
      DummyValue.UUID,
      {
        total: 10,
        checkpointsExternal: true,
        checkpointsChecked: 1,
        lastCheckpoint: {
          seq: 1,
          eventId: DummyValue.UUID,
          hash: '00'.repeat(32),
          sealedAt: '2026-01-01T00:00:00.000Z',
          keyId: DummyValue.STRING,
          signature: DummyValue.STRING,
        },
      },
    ],
  })
  async begin(id: string, start: VerificationStart): Promise<boolean> {
    const checkpoint = start.lastCheckpoint;
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE audit_verifications
          SET state = $2, started_at = now(), updated_at = now(), checked = 0, total = $3,
              checkpoints_external = $4, checkpoints_checked = $5, checkpoint_seq = $6, checkpoint_event_id = $7,
              checkpoint_hash = $8, checkpoint_sealed_at = $9
        WHERE id = $1 AND state IN ($10, $11)`,
      [
        id,
        RUNNING,
        start.total,
        start.checkpointsExternal,
        start.checkpointsChecked,
        checkpoint?.seq ?? null,
        checkpoint?.eventId ?? null,
        checkpoint?.hash ?? null,
        checkpoint?.sealedAt ?? null,
        QUEUED,
        RUNNING,
      ],
    );
    return affected > 0;
  }

  /** Links checked so far; also tells the sweep the run is alive. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.NUMBER] })
  async progress(id: string, checked: number): Promise<void> {
    await this.dataSource.query(
      'UPDATE audit_verifications SET checked = $2, updated_at = now() WHERE id = $1 AND state = $3',
      [id, checked, RUNNING],
    );
  }

  /** The verdict, written in the transaction that records it in the trail. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      { intact: false, checked: 5, firstBadEventId: DummyValue.UUID, problem: 'edited_event' },
    ],
  })
  async finish(tx: EntityManager, id: string, end: VerificationEnd): Promise<void> {
    await tx.query(
      `UPDATE audit_verifications
          SET state = $2, finished_at = now(), updated_at = now(), intact = $3, checked = $4, first_bad_event_id = $5, problem = $6
        WHERE id = $1 AND state = $7`,
      [id, FINISHED, end.intact, end.checked, end.firstBadEventId, end.problem, RUNNING],
    );
  }

  /** It could not finish: no verdict on the chain, and the next one may start. */
  @GenerateSql({ params: [DummyValue.UUID, 'job_lost'] })
  async fail(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_verifications SET state = $2, finished_at = now(), updated_at = now(), problem = $3
        WHERE id = $1 AND state IN ($4, $5)`,
      [id, FAILED, reason, QUEUED, RUNNING],
    );
  }

  /** Verifications queued or running that have not moved since `before`: their job may be lost. */
  @GenerateSql({ params: [DummyValue.DATE] })
  stalled(before: Date): Promise<AuditVerification[]> {
    return this.dataSource
      .getRepository(AuditVerification)
      .createQueryBuilder('v')
      .where('v.state IN (:...states)', { states: [QUEUED, RUNNING] })
      .andWhere('v.updatedAt < :before', { before })
      .getMany();
  }
}
