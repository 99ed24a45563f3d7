import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';
import { Meeting } from './meeting.entity';

/** A decision the meeting took, on an agenda item or on its own; its action items are follow-ups. */
@Entity('meeting_minutes')
@Index('ix_meeting_minutes_meeting', ['meetingId', 'recordedAt'])
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
