import {
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
import { Subject } from '../subjects/subject.entity';
import { User } from '../users/user.entity';
import {
  CLASSIFICATIONS,
  Classification,
  CONCERN_CATEGORIES,
  CONCERN_SOURCES,
  CONCERN_STATUSES,
  ConcernCategory,
  ConcernSource,
  ConcernStatus,
  RISK_LEVELS,
  RiskLevel,
  TRIAGE_OUTCOMES,
  TriageOutcome,
} from './concern-vocabulary';

/** What a reporter saw or heard about a subject. */
@Entity('concerns')
@Index('ix_concerns_district_created', ['districtId', 'createdAt'])
@Index('ix_concerns_agency_created', ['owningAgencyId', 'createdAt'])
@Index('ix_concerns_reporter_created', ['reporterId', 'createdAt'])
// The coordinators' two rules (coordination in full, restricted as a stub) each read in order from here.
@Index('ix_concerns_district_classification_created', ['districtId', 'classification', 'createdAt'])
// The district's concerns shared on vital interest: few, and read in order.
@Index('ix_concerns_district_vital_interest', ['districtId', 'createdAt'], { where: `"referred_on_vital_interest"` })
// The intake (untriaged, highest risk and oldest first): each rule of the coordinators reads one risk level in order from here.
@Index('ix_concerns_intake', ['districtId', 'classification', 'riskLevel', 'createdAt'], { where: `"status" = 'new'` })
// A forum's new cases: those triaged `refer` in the district since the last forum.
@Index('ix_concerns_district_referred', ['districtId', 'triagedAt'], { where: `"triage_outcome" = 'refer'` })
export class Concern {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_concerns_subject')
  @Column({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => Subject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'fk_concerns_subject' })
  subject?: Subject;

  @Column({ type: 'enum', enum: CONCERN_CATEGORIES, enumName: 'concern_category' })
  category!: ConcernCategory;

  @Column({ type: 'text' })
  narrative!: string;

  @Column({ type: 'enum', enum: CONCERN_SOURCES, enumName: 'concern_source' })
  source!: ConcernSource;

  @Column({ type: 'enum', enum: RISK_LEVELS, enumName: 'risk_level' })
  riskLevel!: RiskLevel;

  @Column({ type: 'enum', enum: CLASSIFICATIONS, enumName: 'concern_classification' })
  classification!: Classification;

  @Column({ type: 'uuid' })
  owningAgencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owning_agency_id', foreignKeyConstraintName: 'fk_concerns_owning_agency' })
  owningAgency?: Agency;

  @Column({ type: 'uuid' })
  reporterId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'fk_concerns_reporter' })
  reporter?: User;

  /** The subject's district when the concern was logged: it decides which coordinators triage it. */
  @Column({ type: 'uuid' })
  districtId!: string;

  @Column({ type: 'enum', enum: CONCERN_STATUSES, enumName: 'concern_status', default: 'new' })
  status!: ConcernStatus;

  @Column({ type: 'enum', enum: TRIAGE_OUTCOMES, enumName: 'triage_outcome', nullable: true })
  triageOutcome!: TriageOutcome | null;

  @Column({ type: 'text', nullable: true })
  triageNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  triagedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  triagedAt!: Date | null;

  /**
   * An open referral on vital interest shares it (DESIGN rule 5's exception), kept by the referral
   * lifecycle under the concern's lock, so the coordinators' rule reads an index, not every referral.
   */
  @Column({ type: 'boolean', default: false })
  referredOnVitalInterest!: boolean;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Not stored: the agencies an open referral or an emergency shares this concern with now, for in-memory access checks. */
  sharedWith?: string[];

  /** Not stored: the basis of the oldest share in force to each of those agencies (`consent:<id>`, `statutory_duty`, `vital_interest`). */
  shareBases?: Record<string, string>;
}
