import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page, PageQuery, paginate } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { ConflictError } from '../http/domain-errors';
import { District } from './district.entity';

@Injectable()
export class DistrictsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(page: PageQuery): Promise<Page<District>> {
    const query = this.dataSource.getRepository(District).createQueryBuilder('district');
    return paginate(query, page, { column: 'name', direction: 'ASC', keyOf: (district) => district.name });
  }

  /** The districts among `ids` that exist; lets callers name the ones that do not. */
  findExisting(ids: string[]): Promise<District[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(District)
      .createQueryBuilder('district')
      .where('district.id IN (:...ids)', { ids })
      .getMany();
  }

  async create(input: { name: string; timeZone?: string }): Promise<District> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const district = await manager.save(
          manager.create(District, { name: input.name, timeZone: input.timeZone ?? 'Europe/Oslo' }),
        );
        await this.audit.record(manager, {
          action: 'district.created',
          resourceType: 'District',
          resourceId: district.id,
          outcome: 'allowed',
        });
        return district;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_districts_name'))
        throw new ConflictError('A district with that name exists', 'duplicate');
      throw error;
    }
  }
}
