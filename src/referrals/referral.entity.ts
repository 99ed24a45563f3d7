import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Concern } from '../concerns/concern.entity';
import { Consent } from '../consents/consent.entity';
import { Subject } from '../subjects/subject.entity';
import { User } from '../users/user.entity';
import {
  LEGAL_BASES,
  LegalBasis,
  OPEN_REFERRAL_STATUSES,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  ReferralOutcome,
  ReferralStatus,
} from './referral-vocabulary';

/**
 * An index's predicate must be literal SQL: written from the vocabulary, so the indexes cover exactly
 * what the queries (which bind the list as a parameter) call open. Changing the list needs a migration.
 */
const IS_OPEN = `"status" IN (${OPEN_REFERRAL_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** A concern routed by a coordinator to an agency or programme, on a recorded legal basis. */
@Entity('referrals')
@Check('ck_referrals_consent_basis', `"legal_basis" <> 'consent' OR "consent_id" IS NOT NULL`)
@Index('ix_referrals_district_review', ['districtId', 'reviewDate'])
@Index('ix_referrals_agency_review', ['toAgencyId', 'reviewDate'])
// What is shared with an agency now, newest concern first: its list reads a page of these.
@Index('ix_referrals_open_shares', ['toAgencyId', 'concernCreatedAt', 'concernId'], { where: IS_OPEN })
// One open referral of a concern per receiving agency, whoever races to create a second.
@Index('uq_referrals_open_per_agency', ['concernId', 'toAgencyId'], { unique: true, where: IS_OPEN })
// A receiving agency's pending referrals nobody there has opened yet, in order of sending.
@Index('ix_referrals_unseen', ['toAgencyId', 'createdAt'], { where: `"status" = 'pending' AND "seen_at" IS NULL` })
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_referrals_concern')
  @Column({ type: 'uuid' })
  concernId!: string;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_referrals_concern' })
  concern?: Concern;

  @Index('ix_referrals_subject')
  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'uuid' })
  districtId!: string;

  @Column({ type: 'uuid' })
  toAgencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_agency_id', foreignKeyConstraintName: 'fk_referrals_to_agency' })
  toAgency?: Agency;

  @Column({ type: 'varchar', length: 200, nullable: true })
  programme!: string | null;

  @Column({ type: 'enum', enum: LEGAL_BASES, enumName: 'legal_basis' })
  legalBasis!: LegalBasis;

  @Index('ix_referrals_consent')
  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id', foreignKeyConstraintName: 'fk_referrals_consent' })
  consent?: Consent | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'date' })
  reviewDate!: string;

  /** The concern's creation, copied (it never changes) so an agency's shared concerns are read in their order. */
  @Column({ type: 'timestamptz', precision: 3 })
  concernCreatedAt!: Date;

  @Column({ type: 'enum', enum: REFERRAL_STATUSES, enumName: 'referral_status', default: 'pending' })
  status!: ReferralStatus;

  @Column({ type: 'uuid', nullable: true })
  caseWorkerId!: string | null;

  /** The case worker it is assigned to (no foreign key, as before: read for their name). */
  @ManyToOne(() => User, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'case_worker_id' })
  caseWorker?: User | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ type: 'enum', enum: REFERRAL_OUTCOMES, enumName: 'referral_outcome', nullable: true })
  outcome!: ReferralOutcome | null;

  @Column({ type: 'text', nullable: true })
  outcomeNote!: string | null;

  @Column({ type: 'uuid' })
  createdById!: string;

  /** When it was declined or closed: the start of its retention period. Null while it is open. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endedAt!: Date | null;

  /** The receipt: when someone of the receiving agency first opened it while it was pending (the version stays). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  seenAt!: Date | null;

  /** Who of the receiving agency first opened it. */
  @Column({ type: 'uuid', nullable: true })
  seenById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seen_by_id', foreignKeyConstraintName: 'fk_referrals_seen_by' })
  seenBy?: User | null;

  /** When the district's coordinators were told nobody of the receiving agency had opened it in two working days. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  unseenFlaggedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Not stored: the subject, joined for its pseudonym. */
  subject?: Subject;
}
