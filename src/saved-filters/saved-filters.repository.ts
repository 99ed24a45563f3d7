import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, paginate, PageQuery } from '../database/pagination';
import { SavedFilter } from './saved-filter.entity';

export type NewSavedFilter = Pick<SavedFilter, 'ownerId' | 'name' | 'resource' | 'query' | 'pinned'>;
export type SavedFilterChanges = Partial<Pick<SavedFilter, 'name' | 'query' | 'pinned' | 'lastSeenAt'>>;

/** Every query about saved filters. A user's filters are theirs alone: every read names the owner. */
@Injectable()
export class SavedFiltersRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The owner's filters, oldest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, { limit: 50 }] })
  page(tx: EntityManager, ownerId: string, page: PageQuery): Promise<Page<SavedFilter>> {
    const query = tx
      .getRepository(SavedFilter)
      .createQueryBuilder('filter')
      .where('filter.ownerId = :ownerId', { ownerId });
    return paginate(query, page, {
      column: 'createdAt',
      direction: 'ASC',
      keyOf: (filter) => filter.createdAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /** The owner's pinned filters, oldest first: the queues the home page counts. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  pinned(tx: EntityManager, ownerId: string): Promise<SavedFilter[]> {
    return tx.find(SavedFilter, { where: { ownerId, pinned: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** One of the owner's filters, locked for a change; null when it is not theirs or does not exist. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID] })
  findOwnedForUpdate(tx: EntityManager, ownerId: string, id: string): Promise<SavedFilter | null> {
    return tx.findOne(SavedFilter, { where: { id, ownerId }, lock: { mode: 'pessimistic_write' } });
  }

  /** How many filters the owner keeps, and how many of them are pinned. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async countOwned(tx: EntityManager, ownerId: string): Promise<{ all: number; pinned: number }> {
    const [row] = await tx
      .getRepository(SavedFilter)
      .createQueryBuilder('filter')
      .select('count(*)::int', 'all')
      .addSelect('count(*) FILTER (WHERE filter.pinned)::int', 'pinned')
      .where('filter.ownerId = :ownerId', { ownerId })
      .getRawMany<{ all: number; pinned: number }>();
    return row ?? { all: 0, pinned: 0 };
  }

  /** A new filter; a second of the same name for the owner fails on `uq_saved_filters_owner_name`. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        ownerId: DummyValue.UUID,
        name: DummyValue.STRING,
        resource: 'concerns',
        query: { status: 'new' },
        pinned: true,
      },
    ],
  })
  insert(tx: EntityManager, filter: NewSavedFilter): Promise<SavedFilter> {
    return tx.save(tx.create(SavedFilter, { ...filter, lastSeenAt: null }));
  }

  /** Changes a filter (already found the owner's, under its lock) and answers it as stored. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, { name: DummyValue.STRING, pinned: false }] })
  async update(tx: EntityManager, id: string, changes: SavedFilterChanges): Promise<SavedFilter> {
    await tx.update(SavedFilter, { id }, changes);
    return tx.findOneByOrFail(SavedFilter, { id });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async remove(tx: EntityManager, id: string): Promise<void> {
    await tx.delete(SavedFilter, { id });
  }
}
