import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { ForumSeries } from './entities/forum-series.entity';
import { Meeting } from './entities/meeting.entity';

/** What an edit of a series may change. */
export type ForumSeriesChanges = Pick<
  ForumSeries,
  'rule' | 'participantIds' | 'location' | 'durationMinutes' | 'endsOn'
>;

/** A meeting of a series still to come, as its series' edit needs it. */
export type SeriesMeeting = Pick<Meeting, 'id' | 'seriesDate' | 'startsAt' | 'agendaGeneratedAt' | 'agendaFrozenAt'>;

export type NewForumSeries = Pick<
  ForumSeries,
  'districtId' | 'rule' | 'timeZone' | 'durationMinutes' | 'location' | 'participantIds' | 'createdById'
>;

/** A district's recurring forums: the rule their meetings are made from. */
@Injectable()
export class ForumSeriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        districtId: DummyValue.UUID,
        rule: 'first Tuesday 14:00',
        timeZone: 'Europe/Oslo',
        durationMinutes: 120,
        location: null,
        participantIds: DummyValue.UUID_SET,
        createdById: DummyValue.UUID,
      },
    ],
  })
  insert(tx: EntityManager, series: NewForumSeries): Promise<ForumSeries> {
    return tx.save(tx.create(ForumSeries, series));
  }

  /** One series, its row locked for an edit (null if there is none). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  lock(tx: EntityManager, id: string): Promise<ForumSeries | null> {
    return tx.findOne(ForumSeries, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One series (null if there is none). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  find(tx: EntityManager, id: string): Promise<ForumSeries | null> {
    return tx.findOneBy(ForumSeries, { id });
  }

  /** The series of these districts, oldest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  inDistricts(tx: EntityManager, districtIds: string[]): Promise<ForumSeries[]> {
    if (districtIds.length === 0) return Promise.resolve([]);
    return tx
      .getRepository(ForumSeries)
      .createQueryBuilder('series')
      .where('series.districtId IN (:...districtIds)', { districtIds })
      .orderBy('series.createdAt', 'ASC')
      .addOrderBy('series.id', 'ASC')
      .getMany();
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      {
        rule: 'first Tuesday 14:00',
        participantIds: DummyValue.UUID_SET,
        location: null,
        durationMinutes: 120,
        endsOn: '2027-06-30',
      },
    ],
  })
  async update(tx: EntityManager, id: string, changes: ForumSeriesChanges): Promise<void> {
    await tx.update(ForumSeries, { id }, changes);
  }

  /**
   * The series' meetings still to come that an edit may change: not started, agenda not frozen,
   * no minutes; locked, in date order. Past meetings and any with minutes are never touched.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  stillToCome(tx: EntityManager, seriesId: string, now: Date): Promise<SeriesMeeting[]> {
    return tx
      .getRepository(Meeting)
      .createQueryBuilder('meeting')
      .select([
        'meeting.id',
        'meeting.seriesDate',
        'meeting.startsAt',
        'meeting.agendaGeneratedAt',
        'meeting.agendaFrozenAt',
      ])
      .where('meeting.seriesId = :seriesId AND meeting.startsAt > :now AND meeting.agendaFrozenAt IS NULL', {
        seriesId,
        now,
      })
      .andWhere('NOT EXISTS (SELECT 1 FROM meeting_minutes "minute" WHERE "minute"."meeting_id" = "meeting"."id")')
      .orderBy('meeting.startsAt', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** A meeting of the series follows its edit: when, how long, where; a moved one's agenda is generated again. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      { startsAt: DummyValue.DATE, durationMinutes: 120, location: null, agendaGeneratedAt: null },
    ],
  })
  async followEdit(
    tx: EntityManager,
    id: string,
    changes: Pick<Meeting, 'startsAt' | 'durationMinutes' | 'location' | 'agendaGeneratedAt'>,
  ): Promise<void> {
    await tx.update(Meeting, { id }, changes);
  }

  /** Cancels meetings still to come (their participants and agenda items go with them). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async cancel(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query('DELETE FROM meetings WHERE id = ANY($1)', [ids]);
  }

  /** Every series, oldest first, for the worker to extend. */
  @GenerateSql({ params: [] })
  all(): Promise<ForumSeries[]> {
    return this.dataSource.getRepository(ForumSeries).find({ order: { createdAt: 'ASC' } });
  }
}
