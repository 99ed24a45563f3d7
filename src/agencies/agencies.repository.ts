import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Page, paginate } from '../database/pagination';
import { Agency } from './agency.entity';
import { AgencyQuery } from './dto/agency.dto';

export type NewAgency = Pick<Agency, 'name' | 'kind' | 'districtId'>;

/** Every query about agencies (the directory's, not personal data). */
@Injectable()
export class AgenciesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  @GenerateSql({ params: [{ limit: DummyValue.NUMBER }] })
  @GenerateSql({
    name: 'by kind and district',
    params: [{ limit: DummyValue.NUMBER, kind: 'police', districtId: DummyValue.UUID }],
  })
  page(filter: AgencyQuery): Promise<Page<Agency>> {
    const query = this.dataSource.getRepository(Agency).createQueryBuilder('agency');
    if (filter.kind) query.andWhere('agency.kind = :kind', { kind: filter.kind });
    if (filter.districtId) query.andWhere('agency.districtId = :districtId', { districtId: filter.districtId });
    return paginate(query, filter, { column: 'name', direction: 'ASC', keyOf: (agency) => agency.name });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  findById(id: string): Promise<Agency | null> {
    return this.dataSource.getRepository(Agency).findOneBy({ id });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(Agency).existsBy({ id });
  }

  /** The agencies of these names that exist (the demo seed's check). */
  @GenerateSql({ params: [DummyValue.tx, [DummyValue.STRING]] })
  findByNames(tx: EntityManager, names: string[]): Promise<Agency[]> {
    return tx.findBy(Agency, { name: In(names) });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  lockForUpdate(tx: EntityManager, id: string): Promise<Agency | null> {
    return tx.findOne(Agency, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  @GenerateSql({ params: [DummyValue.tx, { name: DummyValue.STRING, kind: 'police', districtId: null }] })
  insert(tx: EntityManager, fields: NewAgency): Promise<Agency> {
    return tx.save(tx.create(Agency, fields));
  }

  /** Saves a changed agency (read with `lockForUpdate`); its updatedAt is read back. */
  save(tx: EntityManager, agency: Agency): Promise<Agency> {
    return tx.save(agency);
  }
}
