import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUDIT_OUTCOMES = ['allowed', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type AuditSeverity = 'info' | 'high';

/**
 * One row per access or change: who, in which agency and role, did what to which record, and why.
 * The table is partitioned by month, append-only and hash-chained; its shape, indexes and
 * triggers are written by hand in the AuditTrail migration, so the schema builder leaves it alone.
 */
@Entity('audit_events', { synchronize: false })
export class AuditEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PrimaryColumn({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorAgencyId!: string | null;

  @Column({ type: 'text', array: true })
  actorRoles!: string[];

  @Column({ type: 'varchar', length: 80 })
  action!: string;

  @Column({ type: 'varchar', length: 60 })
  resourceType!: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  resourceId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'enum', enum: AUDIT_OUTCOMES, enumName: 'audit_outcome' })
  outcome!: AuditOutcome;

  @Column({ type: 'enum', enum: ['info', 'high'], enumName: 'audit_severity' })
  severity!: AuditSeverity;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** Facts about the event (changed field names, reasons); never narrative, names or secrets. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** SHA-256 of the canonical form (audit-hash.ts); the chain links these in commit order. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;
}
