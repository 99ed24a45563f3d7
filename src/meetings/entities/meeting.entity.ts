import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { District } from '../../districts/district.entity';
import { User } from '../../users/user.entity';
import { MEETING_KINDS, MeetingKind } from '../meeting-vocabulary';

/** A district's monthly forum or a case conference: when, where, who, and how far its agenda has come. */
@Entity('meetings')
@Index('ix_meetings_district_start', ['districtId', 'startsAt'])
@Index('uq_meetings_series_date', ['seriesId', 'seriesDate'], { unique: true })
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_meetings_district' })
  district?: District;

  @Column({ type: 'enum', enum: MEETING_KINDS, enumName: 'meeting_kind' })
  kind!: MeetingKind;

  @Column({ type: 'timestamptz', precision: 3 })
  startsAt!: Date;

  /** Where the meeting's wall-clock time is read: the district's zone when it was arranged. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location!: string | null;

  @Column({ type: 'uuid', nullable: true })
  seriesId!: string | null;

  /** The local date the series' rule gave this meeting; it stays when the meeting is moved. */
  @Column({ type: 'date', nullable: true })
  seriesDate!: string | null;

  /** Null when the worker created it from a series. */
  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  agendaGeneratedAt!: Date | null;

  /** Set when the meeting starts: from then on the agenda shows the cases as they were. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  agendaFrozenAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @OneToMany(() => MeetingParticipant, (participant) => participant.meeting)
  participants?: MeetingParticipant[];
}

/** A user invited to a meeting (their agency's view of the agenda follows), and whether they came. */
@Entity('meeting_participants')
@Index('ix_meeting_participants_user', ['userId'])
export class MeetingParticipant {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Meeting, (meeting) => meeting.participants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_participants_meeting' })
  meeting?: Meeting;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_meeting_participants_user' })
  user?: User;

  /** Null until the minutes record attendance. */
  @Column({ type: 'boolean', nullable: true })
  attended!: boolean | null;
}
