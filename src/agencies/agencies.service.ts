import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { DistrictsService } from '../districts/districts.service';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';
import { AgencyQuery, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
  ) {}

  list(filter: AgencyQuery): Promise<Page<Agency>> {
    return this.agencies.page(filter);
  }

  /** An unknown id is recorded as a refused lookup, like every 404. */
  async get(id: string): Promise<Agency> {
    const agency = await this.agencies.findById(id);
    if (!agency) throw new NotFoundError('agency');
    return agency;
  }

  async create(input: CreateAgencyDto): Promise<Agency> {
    await this.assertDistrictExists(input.districtId);
    return this.writing(async (manager) => {
      const agency = await this.agencies.insert(manager, {
        name: input.name,
        kind: input.kind,
        districtId: input.districtId ?? null,
      });
      await this.audit.record(manager, {
        action: 'agency.create',
        resourceId: agency.id,
        outcome: 'allowed',
        details: { kind: agency.kind },
      });
      return agency;
    });
  }

  async update(id: string, input: UpdateAgencyDto): Promise<Agency> {
    await this.assertDistrictExists(input.districtId);
    return this.writing(async (manager) => {
      const agency = await this.agencies.lockForUpdate(manager, id);
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
      const saved = await this.agencies.save(manager, agency);
      await this.audit.record(manager, {
        action: 'agency.update',
        resourceId: id,
        outcome: 'allowed',
        details: { changed, before, after: { kind: saved.kind, districtId: saved.districtId } },
      });
      return saved;
    });
  }

  /** Whether an agency with this id exists (for the directory's rules elsewhere). */
  exists(id: string): Promise<boolean> {
    return this.agencies.exists(id);
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
      return await this.agencies.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_agencies_name'))
        throw new ConflictError('An agency with that name exists', 'duplicate');
      throw error;
    }
  }
}
