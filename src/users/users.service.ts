import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../access/request-context';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { Page, paginate } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { District } from '../districts/district.entity';
import { DistrictsService } from '../districts/districts.service';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { SessionsService } from '../sessions/sessions.service';
import { CreateUserDto, UpdateUserDto, UserQuery } from './dto/user.dto';
import { PasswordHasher } from './password-hasher.service';
import { roleProblems } from './role-rules';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  /** A user with agency and districts, or null; for authentication and the caller's own profile. */
  findWithDirectory(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { id }, relations: { agency: true, districts: true } });
  }

  async list(filter: UserQuery): Promise<Page<User>> {
    const query = this.dataSource
      .getRepository(User)
      .createQueryBuilder('account')
      .leftJoinAndSelect('account.agency', 'agency')
      .leftJoinAndSelect('account.districts', 'district');
    if (filter.agencyId) query.andWhere('account.agencyId = :agencyId', { agencyId: filter.agencyId });
    if (filter.role) query.andWhere('CAST(:role AS user_role) = ANY(account.roles)', { role: filter.role });
    if (filter.active !== undefined) query.andWhere('account.active = :active', { active: filter.active });
    const page = await paginate(query, filter, { column: 'email', direction: 'ASC', keyOf: (user) => user.email });
    await this.recordRead('user.listed', null, { count: page.items.length });
    return page;
  }

  get(id: string): Promise<User> {
    return this.audit.refusalsRecorded('user.read', 'User', id, async () => {
      const user = await this.findWithDirectory(id);
      if (!user) throw new NotFoundError('user');
      await this.recordRead('user.read', id, {});
      return user;
    });
  }

  async create(input: CreateUserDto): Promise<User> {
    await this.assertDirectoryRules(input.roles, input.districtIds, input.agencyId);
    const districts = await this.districts.findExisting(input.districtIds);
    const passwordHash = await this.passwords.hash(input.password);
    const id = await this.writing(async (manager) => {
      const user = await manager.save(
        manager.create(User, {
          email: input.email,
          name: input.name,
          passwordHash,
          agencyId: input.agencyId,
          roles: input.roles,
          districts,
          active: true,
          totpSecretEncrypted: null,
          totpConfirmedAt: null,
          totpLastStep: null,
        }),
      );
      await this.audit.record(manager, {
        action: 'user.created',
        resourceType: 'User',
        resourceId: user.id,
        outcome: 'allowed',
        details: { agencyId: input.agencyId, roles: input.roles, districtIds: input.districtIds },
      });
      return user.id;
    });
    return this.mustFind(id);
  }

  async update(id: string, input: UpdateUserDto): Promise<User> {
    this.assertNotLockingOutSelf(id, input);
    await this.audit.refusalsRecorded('user.update', 'User', id, () =>
      this.writing(async (manager) => {
        // Locked first, so two admins' changes apply one after the other instead of undoing each other.
        if (!(await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } })))
          throw new NotFoundError('user');
        const current = (await manager.findOne(User, { where: { id }, relations: { agency: true, districts: true } }))!;
        const before = {
          roles: current.roles,
          districtIds: (current.districts ?? []).map((district) => district.id),
          active: current.active,
        };
        const after = {
          roles: input.roles ?? before.roles,
          districtIds: input.districtIds ?? before.districtIds,
          active: input.active ?? before.active,
        };
        await this.assertDirectoryRules(after.roles, after.districtIds, current.agencyId);
        const districts = input.districtIds ? await this.districts.findExisting(input.districtIds) : current.districts;
        await manager.save(User, {
          ...current,
          name: input.name ?? current.name,
          roles: after.roles,
          districts,
          active: after.active,
        });
        if (before.active && !after.active) await this.sessions.revokeAllOf(manager, id, 'deactivated');
        const changed = (Object.keys(input) as (keyof UpdateUserDto)[]).filter((key) => input[key] !== undefined);
        await this.audit.record(manager, {
          action: 'user.updated',
          resourceType: 'User',
          resourceId: id,
          outcome: 'allowed',
          // What a user may do has changed: the auditor's review list shows these first.
          severity: changed.some((key) => key !== 'name') ? 'high' : 'info',
          details: { changed, before, after },
        });
      }),
    );
    return this.mustFind(id);
  }

  /** An admin cannot deactivate themselves or drop their own admin role, so the city is never left without one by accident. */
  private assertNotLockingOutSelf(id: string, input: UpdateUserDto): void {
    if (id !== this.context.actor?.id) return;
    if (input.active === false || (input.roles && !input.roles.includes('admin'))) {
      throw new BusinessRuleError(
        'You cannot deactivate yourself or remove your own admin role; ask another admin',
        'self-lockout',
      );
    }
  }

  private async mustFind(id: string): Promise<User> {
    const user = await this.findWithDirectory(id);
    if (!user) throw new NotFoundError('user');
    return user;
  }

  private async assertDirectoryRules(
    roles: CreateUserDto['roles'],
    districtIds: string[],
    agencyId: string,
  ): Promise<void> {
    const problems = roleProblems(roles, districtIds);
    const [agency, districts] = await Promise.all([
      this.dataSource.getRepository(Agency).existsBy({ id: agencyId }),
      this.districts.findExisting(districtIds),
    ]);
    if (!agency) problems.push({ field: 'agencyId', message: 'no agency with this id' });
    const known = new Set(districts.map((district: District) => district.id));
    const unknown = districtIds.filter((districtId) => !known.has(districtId));
    if (unknown.length > 0)
      problems.push({ field: 'districtIds', message: `no district with id ${unknown.join(', ')}` });
    if (problems.length > 0)
      throw new BusinessRuleError('The user breaks a directory rule', 'directory-rule', problems);
  }

  private async recordRead(action: string, resourceId: string | null, details: Record<string, unknown>): Promise<void> {
    await this.audit.record(this.dataSource.manager, {
      action,
      resourceType: 'User',
      resourceId,
      outcome: 'allowed',
      details,
    });
  }

  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email'))
        throw new ConflictError('A user with that e-mail address exists', 'duplicate');
      throw error;
    }
  }
}
