import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page, paginate } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { DistrictsService } from '../districts/districts.service';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { Agency } from './agency.entity';
import { AgencyQuery, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
  ) {}

  list(filter: AgencyQuery): Promise<Page<Agency>> {
    const query = this.dataSource.getRepository(Agency).createQueryBuilder('agency');
    if (filter.kind) query.andWhere('agency.kind = :kind', { kind: filter.kind });
    if (filter.districtId) query.andWhere('agency.districtId = :districtId', { districtId: filter.districtId });
    return paginate(query, filter, { column: 'name', direction: 'ASC', keyOf: (agency) => agency.name });
  }

  /** An unknown id is recorded as a refused lookup, like every 404. */
  get(id: string): Promise<Agency> {
    return this.audit.refusalsRecorded('agency.read', 'Agency', id, async () => {
      const agency = await this.dataSource.getRepository(Agency).findOneBy({ id });
      if (!agency) throw new NotFoundError('agency');
      return agency;
    });
  }

  async create(input: CreateAgencyDto): Promise<Agency> {
    await this.assertDistrictExists(input.districtId);
    return this.writing(async (manager) => {
      const agency = await manager.save(
        manager.create(Agency, { name: input.name, kind: input.kind, districtId: input.districtId ?? null }),
      );
      await this.audit.record(manager, {
        action: 'agency.created',
        resourceType: 'Agency',
        resourceId: agency.id,
        outcome: 'allowed',
        details: { kind: agency.kind },
      });
      return agency;
    });
  }

  async update(id: string, input: UpdateAgencyDto): Promise<Agency> {
    await this.assertDistrictExists(input.districtId);
    return this.audit.refusalsRecorded('agency.update', 'Agency', id, () =>
      this.writing(async (manager) => {
        const agency = await manager.findOne(Agency, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!agency) throw new NotFoundError('agency');
        const changed = (Object.keys(input) as (keyof UpdateAgencyDto)[]).filter((key) => input[key] !== undefined);
        const before = { kind: agency.kind, districtId: agency.districtId };
        Object.assign(agency, {
          name: input.name ?? agency.name,
          kind: input.kind ?? agency.kind,
          districtId: input.districtId === undefined ? agency.districtId : input.districtId,
        });
        const problems = await this.districts.emergencyRoleProblems(manager, agency);
        if (problems.length > 0) {
          throw new BusinessRuleError(
            problems.map((problem) => problem.message).join('; '),
            'emergency-police',
            problems,
          );
        }
        const saved = await manager.save(agency);
        await this.audit.record(manager, {
          action: 'agency.updated',
          resourceType: 'Agency',
          resourceId: id,
          outcome: 'allowed',
          details: { changed, before, after: { kind: saved.kind, districtId: saved.districtId } },
        });
        return saved;
      }),
    );
  }

  private async assertDistrictExists(districtId: string | null | undefined): Promise<void> {
    if (!districtId) return;
    const found = await this.districts.findExisting([districtId]);
    if (found.length === 0) {
      throw new BusinessRuleError('The district does not exist', 'unknown-district', [
        { field: 'districtId', message: 'no district with this id' },
      ]);
    }
  }

  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_agencies_name'))
        throw new ConflictError('An agency with that name exists', 'duplicate');
      throw error;
    }
  }
}
