import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { District } from '../districts/district.entity';
import { AGENCY_KINDS, AgencyKind } from './agency-kind';

@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_agencies_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'enum', enum: AGENCY_KINDS, enumName: 'agency_kind' })
  kind!: AgencyKind;

  /** The district an agency serves, when it serves just one (a school); city-wide agencies have none. */
  @Column({ type: 'uuid', nullable: true })
  districtId!: string | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_agencies_district' })
  district?: District | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
