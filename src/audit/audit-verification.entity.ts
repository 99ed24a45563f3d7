import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where a verification of the chain is: queued for the worker, running (its progress written
 * batch by batch), finished (intact or not), or failed (it could not finish: the job was lost or
 * threw; no verdict on the chain).
 */
export const VERIFICATION_STATES = ['queued', 'running', 'finished', 'failed'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** One verification of the audit chain, as the auditor (or the system) asked for it and as it went. */
@Entity('audit_verifications')
@Index('ix_audit_verifications_created', ['createdAt'])
export class AuditVerification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: VERIFICATION_STATES, enumName: 'audit_verification_state' })
  state!: VerificationState;

  /** Who asked for it; null when the system did. */
  @Column({ type: 'uuid', nullable: true })
  startedBy!: string | null;

  /** When it was asked for. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;

  /** Last written: progress or a change of state (the sweep tells a lost job by it). */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;

  /** Links checked so far. */
  @Column({ type: 'int', default: 0 })
  checked!: number;

  /** Links to check: the chain from its start (or retention anchor) to its last link when the run began. */
  @Column({ type: 'int', nullable: true })
  total!: number | null;

  /** The verdict, once finished. */
  @Column({ type: 'boolean', nullable: true })
  intact!: boolean | null;

  @Column({ type: 'uuid', nullable: true })
  firstBadEventId!: string | null;

  /** What is wrong (one of CHAIN_PROBLEMS), or why the run failed. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  problem!: string | null;

  /** Whether the checkpoints came from outside the database (AUDIT_CHECKPOINT_DIR). */
  @Column({ type: 'boolean', nullable: true })
  checkpointsExternal!: boolean | null;

  /** How many checkpoints it held the chain against. */
  @Column({ type: 'int', nullable: true })
  checkpointsChecked!: number | null;

  /** The last checkpoint it relied on: the link it sealed, its hash, and when. */
  @Column({ type: 'bigint', nullable: true })
  checkpointSeq!: string | null;

  @Column({ type: 'uuid', nullable: true })
  checkpointEventId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  checkpointHash!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  checkpointSealedAt!: Date | null;
}
