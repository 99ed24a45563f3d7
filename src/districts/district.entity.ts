import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
