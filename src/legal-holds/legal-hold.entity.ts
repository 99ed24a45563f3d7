import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Subject } from '../subjects/subject.entity';

/**
 * A coordinator's legal hold on a subject: why, and until when. While it is active (not lifted and
 * not past `until`, see `legalHoldIsActive`) retention and erasure pass the subject by; it lapses on
 * its own at `until`, with nothing to run.
 */
@Entity('legal_holds')
@Index('ix_legal_holds_subject_active', ['subjectId', 'until'], { where: '"lifted_at" IS NULL' })
@Index('ix_legal_holds_district_placed', ['districtId', 'placedAt'])
@Index('ix_legal_holds_placed', ['placedAt'])
export class LegalHold {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => Subject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'fk_legal_holds_subject' })
  subject?: Subject;

  /** The subject's district when the hold was placed: its coordinators keep the hold. */
  @Column({ type: 'uuid' })
  districtId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid' })
  placedById!: string;

  @Column({ type: 'uuid' })
  placedByAgencyId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  placedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  until!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  liftedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  liftedById!: string | null;

  @Column({ type: 'text', nullable: true })
  liftReason!: string | null;

  @VersionColumn()
  version!: number;
}
