import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from '../districts/district.entity';

/**
 * The person a concern is about. Shown by pseudonym wherever the identity need not be. Once anonymised (retention
 * or erasure on request) the name, name key and date of birth are gone and the birth year and pseudonym remain.
 */
@Entity('subjects')
@Check(
  'ck_subjects_identity_or_anonymised',
  '("anonymised_at" IS NULL AND "full_name" IS NOT NULL AND "name_key" IS NOT NULL AND "date_of_birth" IS NOT NULL) OR ("anonymised_at" IS NOT NULL AND "full_name" IS NULL AND "name_key" IS NULL AND "date_of_birth" IS NULL AND "birth_year" IS NOT NULL)',
)
@Index('ix_subjects_birth_date', ['dateOfBirth'])
// The retention run's walk over the subjects not yet anonymised, by id.
@Index('ix_subjects_not_anonymised', ['id'], { where: '"anonymised_at" IS NULL' })
export class Subject {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Random, never derived from the name or the id. */
  @Index('uq_subjects_pseudonym', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  pseudonym!: string;

  /** Null once anonymised. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  fullName!: string | null;

  /** The name folded for duplicate search (lower case, no diacritics, ø→o, æ→ae …). */
  @Index('ix_subjects_name_key_trgm', { synchronize: false }) // a GIN trigram index, made by hand in the migration
  @Column({ type: 'text', nullable: true })
  nameKey!: string | null;

  /** Null once anonymised; the birth year stays. */
  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  /** The year of `dateOfBirth`, kept for statistics when the subject is anonymised. */
  @Column({ type: 'smallint', nullable: true })
  birthYear!: number | null;

  /** When retention or an erasure request anonymised the subject; null while it is not. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  anonymisedAt!: Date | null;

  @Index('ix_subjects_district')
  @Column({ type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_subjects_district' })
  district?: District;

  @Column({ type: 'uuid' })
  createdById!: string;

  @Column({ type: 'uuid' })
  createdByAgencyId!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
