import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import type { AuditFilter } from './audit-events.repository';

/** Where an export is: waiting for the worker, being written, ready to download, failed, or its file removed. */
export const AUDIT_EXPORT_STATES = ['queued', 'running', 'ready', 'failed', 'expired'] as const;
export type AuditExportState = (typeof AUDIT_EXPORT_STATES)[number];

/**
 * An auditor's export of a search of the trail, written by the worker as CSV (gzipped) into `file`.
 * The row is the export's whole truth: Redis holds only the job, which the worker's sweep puts back
 * from here. The file is removed at `expiresAt`; the row (who, which search, why) stays.
 */
@Entity('audit_exports')
@Index('ix_audit_exports_requester_created', ['requesterId', 'createdAt'])
@Index('ix_audit_exports_state_created', ['state', 'createdAt'])
export class AuditExport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  requesterId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'fk_audit_exports_requester' })
  requester?: User;

  /** The search's filters, as the event search takes them (ids and words of the vocabulary). */
  @Column({ type: 'jsonb' })
  filters!: AuditFilter;

  /** Why the auditor exports: required, and also the purpose of the request's audit event. */
  @Column({ type: 'varchar', length: 500 })
  purpose!: string;

  @Column({ type: 'enum', enum: AUDIT_EXPORT_STATES, enumName: 'audit_export_state' })
  state!: AuditExportState;

  /** The rows written, once ready. */
  @Column({ type: 'integer', nullable: true })
  rowCount!: number | null;

  /** The CSV, gzipped; null until ready and again once expired. */
  @Column({ type: 'bytea', nullable: true, select: false })
  file!: Buffer | null;

  /** When it was asked for: the export holds the search's events before this moment. */
  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;

  /** When the file is removed (AUDIT_EXPORT_KEEP_DAYS after it was ready). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;
}
