import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Subject } from '../subjects/subject.entity';

export const CONSENT_GIVERS = ['subject', 'guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/** Who agreed to which agencies receiving the subject's data, for what, until when; and whether it was withdrawn. */
@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_consents_subject')
  @Column({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => Subject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'fk_consents_subject' })
  subject?: Subject;

  /** The subject's district when recorded: its coordinators keep the consent. */
  @Column({ type: 'uuid' })
  districtId!: string;

  @Column({ type: 'enum', enum: CONSENT_GIVERS, enumName: 'consent_giver' })
  givenBy!: ConsentGiver;

  @Column({ type: 'varchar', length: 200, nullable: true })
  guardianName!: string | null;

  @Column({ type: 'uuid', array: true })
  agencyIds!: string[];

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  givenAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  validUntil!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnById!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
