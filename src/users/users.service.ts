import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { RequestContext } from '../access/request-context';
import { AgenciesService } from '../agencies/agencies.service';
import { AuditService } from '../audit/audit.service';
import { Page } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { District } from '../districts/district.entity';
import { DistrictsService } from '../districts/districts.service';
import { HandOverService } from '../hand-over/hand-over.service';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { SessionsService } from '../sessions/sessions.service';
import { PersonQuery } from './dto/person.dto';
import { CreateUserDto, UpdateProfileDto, UpdateUserDto, UserQuery } from './dto/user.dto';
import { PasswordHasher } from './password-hasher.service';
import { roleProblems } from './role-rules';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesService,
    private readonly districts: DistrictsService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly handOver: HandOverService,
  ) {}

  /** The caller's own account, with agency and districts; the read is audited. */
  profile(ability: AppAbility, id: string): Promise<User> {
    return this.users.transaction(async (tx) => {
      const user = await this.users.findProfile(tx, ability, id);
      if (!user) throw new NotFoundError('user');
      await this.audit.record(tx, { action: 'profile.read', resourceId: id, outcome: 'allowed' });
      return user;
    });
  }

  /** The caller changes their own preferences; answers the profile as it now is. */
  updateProfile(ability: AppAbility, id: string, changes: UpdateProfileDto): Promise<User> {
    return this.users.transaction(async (tx) => {
      const user = await this.users.findProfile(tx, ability, id);
      if (!user) throw new NotFoundError('user');
      if (changes.locale !== undefined && changes.locale !== user.locale) {
        await this.users.updateLocale(tx, id, changes.locale);
        user.locale = changes.locale;
      }
      await this.audit.record(tx, {
        action: 'profile.update',
        resourceId: id,
        outcome: 'allowed',
        details: { fields: Object.keys(changes).sort() },
      });
      return user;
    });
  }

  list(ability: AppAbility, filter: UserQuery): Promise<Page<User>> {
    return this.users.transaction(async (tx) => {
      const page = await this.users.page(tx, ability, filter);
      await this.recordRead(tx, 'user.list', null, { count: page.items.length });
      return page;
    });
  }

  /** The people directory: colleagues the caller may invite, give an action or assign a referral to. */
  people(ability: AppAbility, filter: PersonQuery): Promise<Page<User>> {
    return this.users.transaction(async (tx) => {
      const page = await this.users.people(tx, ability, filter);
      await this.audit.record(tx, {
        action: 'directory.list_people',
        resourceId: null,
        outcome: 'allowed',
        details: { count: page.items.length },
      });
      return page;
    });
  }

  get(ability: AppAbility, id: string): Promise<User> {
    return this.users.transaction(async (tx) => {
      const user = await this.users.findWithDirectory(tx, ability, id);
      if (!user) throw new NotFoundError('user');
      await this.recordRead(tx, 'user.read', id, {});
      return user;
    });
  }

  async create(ability: AppAbility, input: CreateUserDto): Promise<User> {
    await this.assertDirectoryRules(input.roles, input.districtIds, input.agencyId);
    const districts = await this.districts.findExisting(input.districtIds);
    const passwordHash = await this.passwords.hash(input.password);
    return this.writing(async (manager) => {
      const id = await this.users.insert(manager, {
        email: input.email,
        name: input.name,
        passwordHash,
        agencyId: input.agencyId,
        roles: input.roles,
        districts,
        ...(input.locale ? { locale: input.locale } : {}),
      });
      await this.audit.record(manager, {
        action: 'user.create',
        resourceId: id,
        outcome: 'allowed',
        details: { agencyId: input.agencyId, roles: input.roles, districtIds: input.districtIds },
      });
      return this.mustFind(manager, ability, id);
    });
  }

  async update(ability: AppAbility, id: string, input: UpdateUserDto): Promise<User> {
    this.assertNotLockingOutSelf(id, input);
    return this.writing(async (manager) => {
      // Locked first, so two admins' changes apply one after the other instead of undoing each other.
      if (!(await this.users.lock(manager, id))) throw new NotFoundError('user');
      const current = await this.mustFind(manager, ability, id);
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
      // Nobody leaves with open case work: it is handed to a colleague first.
      if (before.active && !after.active) await this.handOver.refuseIfOwningWork(manager, id);
      const districts = input.districtIds ? await this.districts.findExisting(input.districtIds) : current.districts;
      await this.users.save(manager, {
        ...current,
        name: input.name ?? current.name,
        roles: after.roles,
        districts,
        active: after.active,
      });
      if (before.active && !after.active) await this.sessions.revokeAllOf(manager, id, 'deactivated');
      const changed = (Object.keys(input) as (keyof UpdateUserDto)[]).filter((key) => input[key] !== undefined);
      await this.audit.record(manager, {
        action: 'user.update',
        resourceId: id,
        outcome: 'allowed',
        // What a user may do has changed: the auditor's review list shows these first.
        severity: changed.some((key) => key !== 'name') ? 'high' : 'info',
        details: { changed, before, after },
      });
      return this.mustFind(manager, ability, id);
    });
  }

  /**
   * An admin removes a user's second factor (a lost phone), with the reason as the event's purpose: the
   * user's sessions end, and where a second factor is required they enrol a new one at their next sign-in.
   */
  async resetSecondFactor(ability: AppAbility, id: string, reason: string): Promise<User> {
    return this.writing(async (manager) => {
      if (!(await this.users.lock(manager, id))) throw new NotFoundError('user');
      const current = await this.mustFind(manager, ability, id);
      // Idempotent: a half-done enrolment is cleared too, and the admin's act is recorded either way.
      const had = current.totpConfirmedAt !== null;
      await this.users.updateSecondFactor(manager, id, {
        totpSecretEncrypted: null,
        totpConfirmedAt: null,
        totpLastStep: null,
      });
      await this.sessions.revokeAllOf(manager, id, 'second_factor_reset');
      await this.audit.record(manager, {
        action: 'user.reset_second_factor',
        resourceId: id,
        outcome: 'allowed',
        severity: 'high',
        purpose: reason,
        details: { hadSecondFactor: had },
      });
      return this.mustFind(manager, ability, id);
    });
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

  private async mustFind(manager: EntityManager, ability: AppAbility, id: string): Promise<User> {
    const user = await this.users.findWithDirectory(manager, ability, id);
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
      this.agencies.exists(agencyId),
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

  private async recordRead(
    manager: EntityManager,
    action: 'user.list' | 'user.read',
    resourceId: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, { action, resourceId, outcome: 'allowed', details });
  }

  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.users.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email'))
        throw new ConflictError('A user with that e-mail address exists', 'duplicate');
      throw error;
    }
  }
}
