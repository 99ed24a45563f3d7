import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from '../districts/district.entity';

/** The person a concern is about. Shown by pseudonym wherever the identity need not be. */
@Entity('subjects')
@Index('ix_subjects_birth_date', ['dateOfBirth'])
export class Subject {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Random, never derived from the name or the id. */
  @Index('uq_subjects_pseudonym', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  pseudonym!: string;

  @Column({ type: 'varchar', length: 200 })
  fullName!: string;

  /** The name folded for duplicate search (lower case, no diacritics, ø→o, æ→ae …). */
  @Index('ix_subjects_name_key_trgm', { synchronize: false }) // a GIN trigram index, made by hand in the migration
  @Column({ type: 'text' })
  nameKey!: string;

  @Column({ type: 'date' })
  dateOfBirth!: string;

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
