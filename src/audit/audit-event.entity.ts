import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'allowed' | 'denied';
export type AuditSeverity = 'info' | 'high';

/** One row per access or change: who, in which agency and role, did what to which record, and why. */
@Entity('audit_events')
@Index('ix_audit_events_actor_time', ['actorId', 'occurredAt'])
@Index('ix_audit_events_resource', ['resourceType', 'resourceId'])
@Index('ix_audit_events_subject', ['subjectId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorAgencyId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  actorRoles!: string[];

  @Index('ix_audit_events_action')
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

  @Column({ type: 'enum', enum: ['allowed', 'denied'], enumName: 'audit_outcome' })
  outcome!: AuditOutcome;

  @Column({ type: 'enum', enum: ['info', 'high'], enumName: 'audit_severity', default: 'info' })
  severity!: AuditSeverity;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** Facts about the event (changed field names, reasons); never narrative, names or secrets. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
