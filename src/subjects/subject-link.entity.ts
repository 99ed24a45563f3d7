import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Subject } from './subject.entity';

/** A coordinator's judgement that two subjects are the same person; removed, never deleted. */
@Entity('subject_links')
@Check('ck_subject_links_distinct', '"subject_id" <> "other_subject_id"')
export class SubjectLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_subject_links_subject')
  @Index('uq_subject_links_pair', { synchronize: false }) // unique per unordered pair while active, made by hand in the migration
  @Column({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => Subject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'fk_subject_links_subject' })
  subject?: Subject;

  @Index('ix_subject_links_other')
  @Column({ type: 'uuid' })
  otherSubjectId!: string;

  @ManyToOne(() => Subject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'other_subject_id', foreignKeyConstraintName: 'fk_subject_links_other' })
  otherSubject?: Subject;

  @Column({ type: 'text' })
  note!: string;

  @Column({ type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  removedById!: string | null;
}
