import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const FOLLOW_UP_STATES = ['open', 'done', 'cancelled'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/**
 * A dated task: a referral's review, an action item, one made by hand. PostgreSQL holds it
 * and what has been done about it (reminded, escalated); the queues only say when to look.
 */
@Entity('follow_ups')
@Index('ix_follow_ups_owner_due', ['ownerId', 'dueAt'])
@Index('ix_follow_ups_state_due', ['state', 'dueAt'])
// A forum's overdue follow-ups: the district's open ones, by due time.
@Index('ix_follow_ups_district_open_due', ['districtId', 'dueAt'], { where: `"state" = 'open'` })
export class FollowUp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Index('ix_follow_ups_referral')
  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  /** Whose coordinators an overdue follow-up escalates to. */
  @Column({ type: 'uuid', nullable: true })
  districtId!: string | null;

  /** For an action item: the meeting minute that set it. */
  @Index('ix_follow_ups_minute')
  @Column({ type: 'uuid', nullable: true })
  minuteId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  remindAt!: Date;

  @Column({ type: 'enum', enum: FOLLOW_UP_STATES, enumName: 'follow_up_state', default: 'open' })
  state!: FollowUpState;

  @Column({ type: 'int', default: 0 })
  escalationLevel!: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** Bumped on every change of schedule or state: job ids carry it, so stale jobs do nothing. */
  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
