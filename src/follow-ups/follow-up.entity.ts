import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const FOLLOW_UP_STATES = ['open', 'done', 'cancelled'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** A dated task: a referral's review, an action item. Scheduling and reminders come with the worker. */
@Entity('follow_ups')
@Index('ix_follow_ups_owner_due', ['ownerId', 'dueAt'])
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

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'enum', enum: FOLLOW_UP_STATES, enumName: 'follow_up_state', default: 'open' })
  state!: FollowUpState;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
