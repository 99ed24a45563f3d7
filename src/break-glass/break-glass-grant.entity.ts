import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BREAK_GLASS_REASONS = ['imminent_risk', 'safeguarding_emergency', 'legal_request', 'other'] as const;
export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number];

export const REVIEW_OUTCOMES = ['justified', 'unjustified'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A coordinator's time-limited, read-only opening of one record they could not otherwise read. */
@Entity('break_glass_grants')
@Index('ix_break_glass_user_expiry', ['userId', 'expiresAt'])
@Index('ix_break_glass_subject', ['subjectId'])
@Index('ix_break_glass_unreviewed', ['grantedAt'], { where: '"reviewed_at" IS NULL' })
export class BreakGlassGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ type: 'uuid' })
  resourceId!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'enum', enum: BREAK_GLASS_REASONS, enumName: 'break_glass_reason' })
  reasonCode!: BreakGlassReason;

  @Column({ type: 'text' })
  justification!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById!: string | null;

  @Column({ type: 'enum', enum: REVIEW_OUTCOMES, enumName: 'break_glass_review', nullable: true })
  reviewOutcome!: ReviewOutcome | null;

  @Column({ type: 'text', nullable: true })
  reviewNote!: string | null;
}
