import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from '../../districts/district.entity';

/** A district's recurring forum: the worker keeps its meetings created six months ahead. */
@Entity('forum_series')
@Index('ix_forum_series_district', ['districtId'])
export class ForumSeries {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_forum_series_district' })
  district?: District;

  /** Such as "first Tuesday 14:00" (see recurrence.ts). */
  @Column({ type: 'varchar', length: 60 })
  rule!: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location!: string | null;

  @Column({ type: 'uuid', array: true })
  participantIds!: string[];

  /** Its last day (local date), if it ends: no meeting of it is created after that. */
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
