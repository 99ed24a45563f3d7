import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';

/** A part of the city with its own coordinators, action plan and forum. */
@Entity('districts')
export class District {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_districts_name', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Where its meetings' wall-clock times are read (IANA). */
  @Column({ type: 'varchar', length: 64, default: 'Europe/Oslo' })
  timeZone!: string;

  /**
   * The police agency that receives this district's immediate-danger alerts and may open those
   * concerns (on vital interest). Set by an admin; once the district has concerns it cannot be cleared.
   */
  @Column({ type: 'uuid', nullable: true })
  emergencyPoliceAgencyId!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'emergency_police_agency_id', foreignKeyConstraintName: 'fk_districts_emergency_police_agency' })
  emergencyPoliceAgency?: Agency | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
