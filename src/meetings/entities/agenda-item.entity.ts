import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RISK_LEVELS, RiskLevel } from '../../concerns/concern-vocabulary';
import { AGENDA_SECTIONS, AgendaSection } from '../agenda-layout';
import { AGENDA_ITEM_SOURCES, AgendaItemSource } from '../meeting-vocabulary';
import { AgendaItemFacts } from '../agenda-facts';
import { Meeting } from './meeting.entity';

/**
 * One item of a meeting's agenda: a reference to a case (concern, referral or follow-up) or a
 * coordinator's note. Stored once; every reader's view is computed from it. Its snapshot holds
 * the case as it stood when the meeting started.
 */
@Entity('agenda_items')
@Index('ix_agenda_items_meeting', ['meetingId', 'section', 'position'])
@Index('ix_agenda_items_concern', ['concernId'])
@Index('ix_agenda_items_referral', ['referralId'])
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_agenda_items_meeting' })
  meeting?: Meeting;

  @Column({ type: 'enum', enum: AGENDA_SECTIONS, enumName: 'agenda_section' })
  section!: AgendaSection;

  @Column({ type: 'enum', enum: AGENDA_ITEM_SOURCES, enumName: 'agenda_item_source' })
  source!: AgendaItemSource;

  /** A coordinator's words for an item added by hand. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  title!: string | null;

  @Column({ type: 'uuid', nullable: true })
  concernId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  followUpId!: string | null;

  /** The case's risk and age when the agenda was last generated: they order the section. */
  @Column({ type: 'enum', enum: RISK_LEVELS, enumName: 'risk_level', nullable: true })
  riskLevel!: RiskLevel | null;

  @Column({ type: 'timestamptz', precision: 3 })
  openedAt!: Date;

  @Column({ type: 'int', nullable: true })
  handPosition!: number | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  handMovedAt!: Date | null;

  /** 1-based, within the section. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'jsonb', nullable: true })
  snapshot!: AgendaItemFacts | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
