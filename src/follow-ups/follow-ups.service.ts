import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { Actor } from '../access/actor';
import { referralShareFields } from '../access/shares';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { isIsoTime, Page, paginate } from '../database/pagination';
import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  ForbiddenActionError,
  NotFoundError,
} from '../http/domain-errors';
import { Referral } from '../referrals/referral.entity';
import { User } from '../users/user.entity';
import { CreateFollowUpDto, FollowUpQuery } from './dto/follow-up.dto';
import { CaseTeam, mayOwnFollowUp } from './follow-up-owner';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUp } from './follow-up.entity';

const DAY_MS = 24 * 3_600_000;

@Injectable()
export class FollowUpsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: FollowUpScheduler,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, ability: AppAbility, input: CreateFollowUpDto): Promise<FollowUp> {
    const now = this.clock.now();
    const dueAt = new Date(input.dueAt);
    const remindAt = input.remindAt
      ? new Date(input.remindAt)
      : new Date(Math.max(now.getTime(), dueAt.getTime() - DAY_MS));
    const followUp = await this.dataSource.transaction(async (manager) => {
      const owner = await manager.findOne(User, {
        where: { id: input.ownerId, active: true },
        relations: { districts: true },
      });
      const referral = input.referralId ? await this.visibleReferral(manager, ability, input.referralId) : null;
      const team: CaseTeam = referral
        ? { agencyIds: [referral.toAgencyId], districtIds: [referral.districtId] }
        : { agencyIds: [actor.agencyId], districtIds: actor.districtIds };
      const problems: FieldProblem[] = [];
      if (!owner) problems.push({ field: 'ownerId', message: 'no active user with this id' });
      else if (!mayOwnFollowUp({ ...owner, districtIds: owner.districts!.map((district) => district.id) }, team)) {
        problems.push({
          field: 'ownerId',
          message: referral
            ? 'must work at the receiving agency or coordinate the referral’s district'
            : 'must work at your agency or coordinate one of your districts',
        });
      }
      if (dueAt.getTime() <= now.getTime()) problems.push({ field: 'dueAt', message: 'must be in the future' });
      if (remindAt.getTime() > dueAt.getTime())
        problems.push({ field: 'remindAt', message: 'must not be after dueAt' });
      if (problems.length > 0)
        throw new BusinessRuleError('The follow-up cannot be created', 'invalid-follow-up', problems);
      const created = await manager.save(
        manager.create(FollowUp, {
          kind: 'task',
          referralId: referral?.id ?? null,
          ownerId: owner!.id,
          createdById: actor.id,
          districtId: referral?.districtId ?? owner!.districts?.[0]?.id ?? null,
          text: input.text,
          dueAt,
          remindAt,
          state: 'open',
          escalationLevel: 0,
          closedAt: null,
        }),
      );
      await this.audit.record(manager, {
        action: 'follow_up.created',
        resourceType: 'FollowUp',
        resourceId: created.id,
        subjectId: referral?.subjectId ?? null,
        outcome: 'allowed',
      });
      return created;
    });
    await this.scheduler.schedule([followUp]);
    return followUp;
  }

  async list(ability: AppAbility, actor: Actor, query: FollowUpQuery): Promise<Page<FollowUp>> {
    const access = accessSql(ability, 'read', 'FollowUp', {
      alias: 'followUp',
      columns: entityColumns(this.dataSource, FollowUp),
    });
    const builder = this.dataSource
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .where(access.sql, access.params)
      .andWhere('followUp.ownerId = :me', { me: actor.id });
    const now = this.clock.now();
    if (query.state === 'overdue') builder.andWhere("followUp.state = 'open' AND followUp.dueAt < :now", { now });
    else if (query.state) builder.andWhere('followUp.state = :state', { state: query.state });
    const page = await paginate(builder, query, {
      column: 'dueAt',
      direction: 'ASC',
      keyOf: (row) => row.dueAt.toISOString(),
      keyIsValid: isIsoTime,
    });
    await this.audit.record(this.dataSource.manager, {
      action: 'follow_up.listed',
      resourceType: 'FollowUp',
      outcome: 'allowed',
      details: { ids: page.items.map((row) => row.id) },
    });
    return page;
  }

  /** Done or cancelled: the version moves on, so every pending step's job finds nothing to do; they are also removed. */
  async close(ability: AppAbility, id: string, how: 'complete' | 'cancel'): Promise<FollowUp> {
    const closed = await this.dataSource.transaction(async (manager) => {
      const access = accessSql(ability, 'read', 'FollowUp', {
        alias: 'followUp',
        columns: entityColumns(this.dataSource, FollowUp),
      });
      const followUp = await manager
        .getRepository(FollowUp)
        .createQueryBuilder('followUp')
        .where(access.sql, access.params)
        .andWhere('followUp.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!followUp) throw new NotFoundError('follow-up');
      if (!ability.can(how, asSubject('FollowUp', { ...followUp })))
        throw new ForbiddenActionError(`You may not ${how} this follow-up`);
      if (followUp.state !== 'open')
        throw new ConflictError(`The follow-up is already ${followUp.state}`, 'invalid-transition');
      await manager.update(
        FollowUp,
        { id },
        { state: how === 'complete' ? 'done' : 'cancelled', closedAt: this.clock.now() },
      );
      const action = how === 'complete' ? 'follow_up.completed' : 'follow_up.cancelled';
      await this.audit.record(manager, { action, resourceType: 'FollowUp', resourceId: id, outcome: 'allowed' });
      return { before: followUp, after: await manager.findOneByOrFail(FollowUp, { id }) };
    });
    await this.scheduler.unschedule(closed.before);
    return closed.after;
  }

  private async visibleReferral(manager: EntityManager, ability: AppAbility, id: string): Promise<Referral> {
    const access = accessSql(ability, 'read', 'Referral', {
      alias: 'referral',
      columns: { ...entityColumns(this.dataSource, Referral), ...referralShareFields('referral', this.clock.now()) },
    });
    const referral = await manager
      .getRepository(Referral)
      .createQueryBuilder('referral')
      .where(access.sql, access.params)
      .andWhere('referral.id = :id', { id })
      .getOne();
    if (!referral) throw new NotFoundError('referral');
    return referral;
  }
}
