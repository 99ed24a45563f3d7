import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { Page, PageQuery, paginate } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { BusinessRuleError, ConflictError, FieldProblem, NotFoundError } from '../http/domain-errors';
import { District } from './district.entity';
import { CreateDistrictDto, UpdateDistrictDto } from './dto/district.dto';

const EMERGENCY_FIELD = 'emergencyPoliceAgencyId';

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

  async create(input: CreateDistrictDto): Promise<District> {
    return this.writing(async (manager) => {
      const emergencyPoliceAgencyId = input.emergencyPoliceAgencyId ?? null;
      this.refuse(await this.emergencyPoliceProblems(manager, null, emergencyPoliceAgencyId));
      const district = await manager.save(
        manager.create(District, {
          name: input.name,
          timeZone: input.timeZone ?? 'Europe/Oslo',
          emergencyPoliceAgencyId,
        }),
      );
      await this.audit.record(manager, {
        action: 'district.created',
        resourceType: 'District',
        resourceId: district.id,
        outcome: 'allowed',
        details: { emergencyPoliceAgencyId },
      });
      return district;
    });
  }

  /** Renames a district or names the police agency that receives its emergencies. */
  async update(id: string, input: UpdateDistrictDto): Promise<District> {
    return this.audit.refusalsRecorded('district.update', 'District', id, () =>
      this.writing(async (manager) => {
        // FOR UPDATE also waits for a subject being registered in the district (its foreign key's lock).
        const district = await manager.findOne(District, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!district) throw new NotFoundError('district');
        const changed = (Object.keys(input) as (keyof UpdateDistrictDto)[]).filter((key) => input[key] !== undefined);
        const before = { name: district.name, emergencyPoliceAgencyId: district.emergencyPoliceAgencyId };
        if (input.emergencyPoliceAgencyId !== undefined) {
          this.refuse(await this.emergencyPoliceProblems(manager, district.id, input.emergencyPoliceAgencyId));
          district.emergencyPoliceAgencyId = input.emergencyPoliceAgencyId;
        }
        district.name = input.name ?? district.name;
        const saved = await manager.save(district);
        await this.audit.record(manager, {
          action: 'district.updated',
          resourceType: 'District',
          resourceId: id,
          outcome: 'allowed',
          details: {
            changed,
            before,
            after: { name: saved.name, emergencyPoliceAgencyId: saved.emergencyPoliceAgencyId },
          },
        });
        return saved;
      }),
    );
  }

  /**
   * Why an agency may not be changed as asked, if it receives some district's emergencies: it
   * must stay a police agency serving that district or the whole city. For the agency's update.
   */
  async emergencyRoleProblems(
    manager: EntityManager,
    agency: Pick<Agency, 'id' | 'kind' | 'districtId'>,
  ): Promise<FieldProblem[]> {
    const served = await manager.findBy(District, { emergencyPoliceAgencyId: agency.id });
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
      if (districtId && (await this.hasConcerns(manager, districtId))) {
        return [
          {
            field: EMERGENCY_FIELD,
            message: 'the district has concerns, so its emergencies must reach a police agency: name another instead',
          },
        ];
      }
      return [];
    }
    // FOR SHARE: an admin changing the agency's kind at the same moment waits for this, and then sees it.
    const agency = await manager.findOne(Agency, { where: { id: agencyId }, lock: { mode: 'pessimistic_read' } });
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

  private async hasConcerns(manager: EntityManager, districtId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM concerns WHERE district_id = $1 LIMIT 1', [districtId]);
    return rows.length > 0;
  }

  private refuse(problems: FieldProblem[]): void {
    if (problems.length === 0) return;
    throw new BusinessRuleError(problems.map((problem) => problem.message).join('; '), 'emergency-police', problems);
  }

  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_districts_name'))
        throw new ConflictError('A district with that name exists', 'duplicate');
      throw error;
    }
  }
}
