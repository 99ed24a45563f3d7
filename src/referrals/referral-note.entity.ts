import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/** A case note on a referral: for the receiving agency and the coordinator only. */
@Entity('referral_notes')
export class ReferralNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_referral_notes_referral')
  @Column({ type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_referral_notes_referral' })
  referral?: Referral;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'uuid' })
  authorAgencyId!: string;

  @Column({ type: 'text' })
  text!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
