import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { District } from '../districts/district.entity';
import { DEFAULT_LOCALE } from './locale';
import { ROLES, Role } from './role';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased, so uniqueness and login ignore case. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  @Index('ix_users_agency')
  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_users_agency' })
  agency?: Agency;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role', array: true })
  roles!: Role[];

  @ManyToMany(() => District)
  @JoinTable({
    name: 'user_districts',
    joinColumn: { name: 'user_id', foreignKeyConstraintName: 'fk_user_districts_user' },
    inverseJoinColumn: { name: 'district_id', foreignKeyConstraintName: 'fk_user_districts_district' },
  })
  districts?: District[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** AES-GCM ciphertext of the TOTP secret; set at enrolment, kept after confirmation. */
  @Column({ type: 'text', nullable: true })
  totpSecretEncrypted!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  totpConfirmedAt!: Date | null;

  /** The language the user reads the web app in (LOCALES). */
  @Column({ type: 'varchar', length: 10, default: DEFAULT_LOCALE })
  locale!: string;

  /** The last 30-second step a code was accepted for, so a code works once. */
  @Column({ type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
