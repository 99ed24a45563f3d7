import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { ForumSeries } from './entities/forum-series.entity';

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

  /** Every series, oldest first, for the worker to extend. */
  @GenerateSql({ params: [] })
  all(): Promise<ForumSeries[]> {
    return this.dataSource.getRepository(ForumSeries).find({ order: { createdAt: 'ASC' } });
  }
}
