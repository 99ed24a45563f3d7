import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { LEGAL_BASES, LegalBasis } from '../referrals/referral-vocabulary';
import { Concern } from './concern.entity';

/**
 * A concern opened to the police agency that receives its district's emergencies, because it
 * was raised to immediate danger (DESIGN rule 4, on vital interest). Not a referral: nobody
 * routed it, and it must neither move the concern out of triage nor wait for a coordinator.
 * The share holds while the concern stays at immediate danger (src/access/shares.ts).
 */
@Entity('emergency_shares')
@Check('ck_emergency_shares_vital_interest', `"legal_basis" = 'vital_interest'`)
@Index('uq_emergency_shares_concern_agency', ['concernId', 'agencyId'], { unique: true })
export class EmergencyShare {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  concernId!: string;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_emergency_shares_concern' })
  concern?: Concern;

  @Index('ix_emergency_shares_agency')
  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_emergency_shares_agency' })
  agency?: Agency;

  @Column({ type: 'enum', enum: LEGAL_BASES, enumName: 'legal_basis', default: 'vital_interest' })
  legalBasis!: LegalBasis;

  /** Who raised the concern to immediate danger (first time, for this agency). */
  @Column({ type: 'uuid' })
  raisedById!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
