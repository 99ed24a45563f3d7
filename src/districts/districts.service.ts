import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { Page, PageQuery } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { BusinessRuleError, ConflictError, FieldProblem, NotFoundError } from '../http/domain-errors';
import { District } from './district.entity';
import { DistrictsRepository } from './districts.repository';
import { CreateDistrictDto, UpdateDistrictDto } from './dto/district.dto';

const EMERGENCY_FIELD = 'emergencyPoliceAgencyId';

@Injectable()
export class DistrictsService {
  constructor(
    private readonly districts: DistrictsRepository,
    private readonly audit: AuditService,
  ) {}

  list(page: PageQuery): Promise<Page<District>> {
    return this.districts.page(page);
  }

  /** The districts among `ids` that exist; lets callers name the ones that do not. */
  findExisting(ids: string[]): Promise<District[]> {
    return this.districts.findExisting(ids);
  }

  async create(input: CreateDistrictDto): Promise<District> {
    return this.writing(async (manager) => {
      const emergencyPoliceAgencyId = input.emergencyPoliceAgencyId ?? null;
      this.refuse(await this.emergencyPoliceProblems(manager, null, emergencyPoliceAgencyId));
      const district = await this.districts.insert(manager, {
        name: input.name,
        timeZone: input.timeZone ?? 'Europe/Oslo',
        emergencyPoliceAgencyId,
      });
      await this.audit.record(manager, {
        action: 'district.create',
        resourceId: district.id,
        outcome: 'allowed',
        details: { emergencyPoliceAgencyId },
      });
      return district;
    });
  }

  /**
   * Renames a district, moves it to another time zone, or names the police agency that receives its
   * emergencies. A new zone applies to what is timed from now on: meetings already arranged keep
   * their instant and their own zone, follow-ups already due keep theirs.
   */
  async update(id: string, input: UpdateDistrictDto): Promise<District> {
    return this.writing(async (manager) => {
      const district = await this.districts.lockForUpdate(manager, id);
      if (!district) throw new NotFoundError('district');
      const changed = (Object.keys(input) as (keyof UpdateDistrictDto)[]).filter((key) => input[key] !== undefined);
      const before = {
        name: district.name,
        timeZone: district.timeZone,
        emergencyPoliceAgencyId: district.emergencyPoliceAgencyId,
      };
      if (input.emergencyPoliceAgencyId !== undefined) {
        this.refuse(await this.emergencyPoliceProblems(manager, district.id, input.emergencyPoliceAgencyId));
        district.emergencyPoliceAgencyId = input.emergencyPoliceAgencyId;
      }
      district.name = input.name ?? district.name;
      district.timeZone = input.timeZone ?? district.timeZone;
      const saved = await this.districts.update(manager, district);
      await this.audit.record(manager, {
        action: 'district.update',
        resourceId: id,
        outcome: 'allowed',
        details: {
          changed,
          before,
          after: { name: saved.name, timeZone: saved.timeZone, emergencyPoliceAgencyId: saved.emergencyPoliceAgencyId },
        },
      });
      return saved;
    });
  }

  /**
   * Why an agency may not be changed as asked, if it receives some district's emergencies: it
   * must stay a police agency serving that district or the whole city. For the agency's update.
   */
  async emergencyRoleProblems(
    manager: EntityManager,
    agency: Pick<Agency, 'id' | 'kind' | 'districtId'>,
  ): Promise<FieldProblem[]> {
    const served = await this.districts.servedBy(manager, agency.id);
    if (served.length === 0) return [];
    const names = served.map((district) => district.name).join(', ');
    if (agency.kind !== 'police') {
      return [{ field: 'kind', message: `it receives the emergencies of ${names}: name another police agency first` }];
    }
    const elsewhere = served.filter((district) => agency.districtId && agency.districtId !== district.id);
    if (elsewhere.length > 0) {
      return [
        {
          field: 'districtId',
          message: `it receives the emergencies of ${elsewhere.map((district) => district.name).join(', ')}: name another police agency there first`,
        },
      ];
    }
    return [];
  }

  /**
   * The emergency police agency must be a police agency serving the district or the whole city;
   * and once the district has concerns it must name one, so immediate danger always opens to someone.
   */
  private async emergencyPoliceProblems(
    manager: EntityManager,
    districtId: string | null,
    agencyId: string | null,
  ): Promise<FieldProblem[]> {
    if (agencyId === null) {
      if (districtId && (await this.districts.hasConcerns(manager, districtId))) {
        return [
          {
            field: EMERGENCY_FIELD,
            message: 'the district has concerns, so its emergencies must reach a police agency: name another instead',
          },
        ];
      }
      return [];
    }
    const agency = await this.districts.agencyForShare(manager, agencyId);
    if (!agency) return [{ field: EMERGENCY_FIELD, message: 'no agency with this id' }];
    if (agency.kind !== 'police') {
      return [{ field: EMERGENCY_FIELD, message: `${agency.name} is not a police agency (${agency.kind})` }];
    }
    if (agency.districtId && agency.districtId !== districtId) {
      return [
        {
          field: EMERGENCY_FIELD,
          message: `${agency.name} serves another district: name one serving this district or the whole city`,
        },
      ];
    }
    return [];
  }

  private refuse(problems: FieldProblem[]): void {
    if (problems.length === 0) return;
    throw new BusinessRuleError(problems.map((problem) => problem.message).join('; '), 'emergency-police', problems);
  }

  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.districts.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_districts_name'))
        throw new ConflictError('A district with that name exists', 'duplicate');
      throw error;
    }
  }
}
