import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const FLAG_KINDS = ['many_subjects', 'out_of_hours', 'outside_districts', 'repeated_refusals'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Unusual access the worker found in the trail, for the auditor to look into. One per user, kind and window. */
@Entity('access_flags')
@Index('uq_access_flags_window', ['kind', 'userId', 'windowStart'], { unique: true })
@Index('ix_access_flags_created', ['createdAt'])
export class AccessFlag {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: FLAG_KINDS, enumName: 'access_flag_kind' })
  kind!: FlagKind;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStart!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  windowEnd!: Date;

  /** How many accesses (or subjects) made it unusual. */
  @Column({ type: 'int' })
  count!: number;

  /**
   * What the flag was judged by when it was raised, so a later change of configuration does not
   * rewrite why it was raised: the threshold of the counting rules, the working hours (HH:MM) and
   * their time zone for out-of-hours. Null where the rule has none, and on flags raised before
   * these were kept.
   */
  @Column({ type: 'int', nullable: true })
  threshold!: number | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  workingHoursStart!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  workingHoursEnd!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
