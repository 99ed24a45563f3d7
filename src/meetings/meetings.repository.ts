import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Action, AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { meetingFields } from '../access/shares';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, paginate, PageQuery } from '../database/pagination';
import { District } from '../districts/district.entity';
import { User } from '../users/user.entity';
import { Meeting, MeetingParticipant } from './entities/meeting.entity';
import { MeetingKind } from './meeting-vocabulary';

export interface NewMeeting extends Pick<
  Meeting,
  | 'districtId'
  | 'kind'
  | 'startsAt'
  | 'timeZone'
  | 'durationMinutes'
  | 'location'
  | 'seriesId'
  | 'seriesDate'
  | 'createdById'
> {
  participantIds: string[];
}

/** The kind of meeting whose neighbours decide a forum's agenda. */
const FORUM: MeetingKind = 'forum';

/** What a list of meetings may be narrowed to. */
export interface MeetingFilter extends PageQuery {
  districtId?: string;
  from?: string;
  to?: string;
}

/** Who may be invited is decided from these: whether the user is active, and their roles. */
export type Invitee = Pick<User, 'id' | 'active' | 'roles'>;

/** Meetings, their participants, and the agenda's progress marks on the meeting's row. */
@Injectable()
export class MeetingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; everything given its EntityManager commits or rolls back together. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The meetings the caller may act on this way, with their district and participants: of each
   * participant only what an invitation names (name, e-mail, agency), never the rest of the account.
   */
  private visible(tx: EntityManager, ability: AppAbility, action: Action = 'read') {
    const access = accessSql(ability, action, 'Meeting', {
      alias: 'meeting',
      columns: { ...entityColumns(this.dataSource, Meeting), ...meetingFields('meeting') },
    });
    return tx
      .getRepository(Meeting)
      .createQueryBuilder('meeting')
      .innerJoinAndSelect('meeting.district', 'district')
      .leftJoinAndSelect('meeting.participants', 'participant')
      .leftJoin('participant.user', 'participantUser')
      .addSelect(['participantUser.id', 'participantUser.name', 'participantUser.email'])
      .leftJoin('participantUser.agency', 'participantAgency')
      .addSelect(['participantAgency.id', 'participantAgency.name', 'participantAgency.kind'])
      .where(access.sql, access.params);
  }

  /** One meeting the caller may see, with its district and participants (null when they may not). */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  @GenerateSql({ name: 'as an auditor', params: [DummyValue.tx, DummyValue.caller.auditor, DummyValue.UUID] })
  findVisible(tx: EntityManager, ability: AppAbility, id: string): Promise<Meeting | null> {
    return this.visible(tx, ability).andWhere('meeting.id = :id', { id }).getOne();
  }

  /** A page of the meetings the caller may see, soonest first. */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, { limit: 50 }] })
  @GenerateSql({
    name: 'as a case worker, in a district and a window',
    params: [
      DummyValue.tx,
      DummyValue.caller.caseWorker,
      { limit: 50, districtId: DummyValue.UUID, from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    ],
  })
  page(tx: EntityManager, ability: AppAbility, filter: MeetingFilter): Promise<Page<Meeting>> {
    const builder = this.visible(tx, ability);
    if (filter.districtId) builder.andWhere('meeting.districtId = :districtId', { districtId: filter.districtId });
    if (filter.from) builder.andWhere('meeting.startsAt >= :from', { from: new Date(filter.from) });
    if (filter.to) builder.andWhere('meeting.startsAt < :to', { to: new Date(filter.to) });
    return paginate(builder, filter, {
      column: 'startsAt',
      direction: 'ASC',
      keyOf: (meeting) => meeting.startsAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /** Locks the meeting's row until the transaction ends (nothing if there is none). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async lockRow(tx: EntityManager, id: string): Promise<void> {
    await tx.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [id]);
  }

  /** Locks the meeting's row and returns it fresh, without participants (null if there is none). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  lock(tx: EntityManager, id: string): Promise<Meeting | null> {
    return tx.findOne(Meeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts a meeting and its participants; a series' meeting already there (same date) is left alone (null). */
  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        districtId: DummyValue.UUID,
        kind: 'forum',
        startsAt: DummyValue.DATE,
        timeZone: 'Europe/Oslo',
        durationMinutes: 120,
        location: null,
        seriesId: DummyValue.UUID,
        seriesDate: '2026-01-06',
        createdById: null,
        participantIds: DummyValue.UUID_SET,
      },
    ],
  })
  async insert(tx: EntityManager, fields: NewMeeting): Promise<Meeting | null> {
    const { participantIds, ...meeting } = fields;
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(Meeting)
      .values(meeting)
      .orIgnore()
      .returning('*')
      .execute();
    const row = inserted.generatedMaps[0] as Meeting | undefined;
    if (!row?.id) return null;
    await this.replaceParticipants(tx, row.id, participantIds);
    return tx.findOneByOrFail(Meeting, { id: row.id });
  }

  /** Changes when and where; a moved meeting's agenda is generated again (`agendaGeneratedAt` null). */
  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      { startsAt: DummyValue.DATE, location: DummyValue.STRING, agendaGeneratedAt: null },
    ],
  })
  async update(
    tx: EntityManager,
    id: string,
    changes: Pick<Meeting, 'startsAt' | 'location' | 'agendaGeneratedAt'>,
  ): Promise<void> {
    await tx.update(Meeting, { id }, changes);
  }

  /** The meeting's participants become exactly these users (attendance kept for those who stay). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID_SET] })
  async replaceParticipants(tx: EntityManager, meetingId: string, userIds: string[]): Promise<void> {
    await tx.query('DELETE FROM meeting_participants WHERE meeting_id = $1 AND NOT (user_id = ANY($2))', [
      meetingId,
      userIds,
    ]);
    await tx
      .createQueryBuilder()
      .insert()
      .into(MeetingParticipant)
      .values(userIds.map((userId) => ({ meetingId, userId, attended: null })))
      .orIgnore()
      .execute();
  }

  /** Records who came: every participant named attended, every other did not. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID_SET] })
  async recordAttendance(tx: EntityManager, meetingId: string, attendeeIds: string[]): Promise<void> {
    await tx.query('UPDATE meeting_participants SET attended = (user_id = ANY($2)) WHERE meeting_id = $1', [
      meetingId,
      attendeeIds,
    ]);
  }

  /** The users who would be invited, to check each may sit in a case meeting (no names read). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  invitees(tx: EntityManager, userIds: string[]): Promise<Invitee[]> {
    return tx.find(User, { select: { id: true, active: true, roles: true }, where: { id: In(userIds) } });
  }

  /** The district a meeting is arranged in (null if there is none). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  district(tx: EntityManager, id: string): Promise<District | null> {
    return tx.findOneBy(District, { id });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async markAgendaGenerated(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query('UPDATE meetings SET agenda_generated_at = $2 WHERE id = $1', [id, at]);
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async markAgendaFrozen(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query('UPDATE meetings SET agenda_frozen_at = $2 WHERE id = $1', [id, at]);
  }

  /** Every meeting whose agenda is not frozen yet, for the worker's sweep. */
  @GenerateSql({ params: [] })
  unfrozen(): Promise<Meeting[]> {
    return this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('meeting')
      .where('meeting.agendaFrozenAt IS NULL')
      .getMany();
  }

  /** When the district's forums before and after this one start (null where there is none). */
  @GenerateSql({
    params: [DummyValue.tx, { id: DummyValue.UUID, districtId: DummyValue.UUID, startsAt: DummyValue.DATE }],
  })
  async neighbouringForums(
    tx: EntityManager,
    meeting: Pick<Meeting, 'id' | 'districtId' | 'startsAt'>,
  ): Promise<{ previous: Date | null; next: Date | null }> {
    const [previous]: { starts_at: Date }[] = await tx.query(
      `SELECT starts_at FROM meetings WHERE district_id = $1 AND kind = $4 AND starts_at < $2 AND id <> $3
        ORDER BY starts_at DESC LIMIT 1`,
      [meeting.districtId, meeting.startsAt, meeting.id, FORUM],
    );
    const [next]: { starts_at: Date }[] = await tx.query(
      `SELECT starts_at FROM meetings WHERE district_id = $1 AND kind = $4 AND starts_at > $2 AND id <> $3
        ORDER BY starts_at ASC LIMIT 1`,
      [meeting.districtId, meeting.startsAt, meeting.id, FORUM],
    );
    return { previous: previous?.starts_at ?? null, next: next?.starts_at ?? null };
  }
}
