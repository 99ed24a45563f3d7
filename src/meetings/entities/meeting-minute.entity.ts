import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';
import { Meeting } from './meeting.entity';

/**
 * A decision the meeting took, on an agenda item or on its own; its action items are follow-ups.
 * Each agenda item is decided once, and the same words on no item are recorded once.
 */
@Entity('meeting_minutes')
@Index('ix_meeting_minutes_meeting', ['meetingId', 'recordedAt'])
@Index('uq_meeting_minutes_agenda_item', ['agendaItemId'], { unique: true, where: '"agenda_item_id" IS NOT NULL' })
export class MeetingMinute {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_minutes_meeting' })
  meeting?: Meeting;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'fk_meeting_minutes_agenda_item' })
  agendaItem?: AgendaItem | null;

  // Unique per meeting (as md5, since a decision may be longer than an index entry) where there is no agenda item.
  @Index('uq_meeting_minutes_other_business', { synchronize: false }) // an expression index, made by hand in the migration
  @Column({ type: 'text' })
  decision!: string;

  /** Its place among the decisions recorded together (they share a time). */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  recordedAt!: Date;
}
