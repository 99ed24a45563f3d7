import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Page, PageQuery, paginate } from '../database/pagination';
import { District } from './district.entity';

export type NewDistrict = Pick<District, 'name' | 'timeZone' | 'emergencyPoliceAgencyId'>;

/** Every query about districts (the directory's, not personal data). */
@Injectable()
export class DistrictsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  @GenerateSql({ params: [{ limit: DummyValue.NUMBER }] })
  page(page: PageQuery): Promise<Page<District>> {
    const query = this.dataSource.getRepository(District).createQueryBuilder('district');
    return paginate(query, page, { column: 'name', direction: 'ASC', keyOf: (district) => district.name });
  }

  /** The districts among `ids` that exist; lets callers name the ones that do not. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  findExisting(ids: string[]): Promise<District[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(District)
      .createQueryBuilder('district')
      .where('district.id IN (:...ids)', { ids })
      .getMany();
  }

  /** The districts of these names that exist (the demo seed's check). */
  @GenerateSql({ params: [DummyValue.tx, [DummyValue.STRING]] })
  findByNames(tx: EntityManager, names: string[]): Promise<District[]> {
    return tx.findBy(District, { name: In(names) });
  }

  /** FOR UPDATE also waits for a subject being registered in the district (its foreign key's lock). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  lockForUpdate(tx: EntityManager, id: string): Promise<District | null> {
    return tx.findOne(District, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  @GenerateSql({
    params: [DummyValue.tx, { name: DummyValue.STRING, timeZone: 'Europe/Oslo', emergencyPoliceAgencyId: null }],
  })
  insert(tx: EntityManager, fields: NewDistrict): Promise<District> {
    return tx.save(tx.create(District, fields));
  }

  @GenerateSql({ params: [DummyValue.tx, { id: DummyValue.UUID, name: DummyValue.STRING }] })
  async update(tx: EntityManager, district: District): Promise<District> {
    await tx.update(
      District,
      { id: district.id },
      { name: district.name, timeZone: district.timeZone, emergencyPoliceAgencyId: district.emergencyPoliceAgencyId },
    );
    return district;
  }

  /** The districts whose emergencies go to `agencyId`. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  servedBy(tx: EntityManager, agencyId: string): Promise<District[]> {
    return tx.findBy(District, { emergencyPoliceAgencyId: agencyId });
  }

  /** FOR SHARE: an admin changing the agency's kind at the same moment waits for this, and then sees it. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  agencyForShare(tx: EntityManager, agencyId: string): Promise<Agency | null> {
    return tx.findOne(Agency, { where: { id: agencyId }, lock: { mode: 'pessimistic_read' } });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async hasConcerns(tx: EntityManager, districtId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM concerns WHERE district_id = $1 LIMIT 1', [districtId]);
    return rows.length > 0;
  }
}
