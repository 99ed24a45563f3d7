import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Page } from '../database/pagination';
import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  ForbiddenActionError,
  NotFoundError,
} from '../http/domain-errors';
import { CreateFollowUpDto, FollowUpQuery, MoveFollowUpDto } from './dto/follow-up.dto';
import { FollowUpFactory } from './follow-up-factory.service';
import { CaseTeam, mayOwnFollowUp } from './follow-up-owner';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { followUpTimes } from './follow-up-timing';
import { FollowUp } from './follow-up.entity';
import { FollowUpsRepository } from './follow-ups.repository';
import { AppConfig } from '../config/app-config.service';

@Injectable()
export class FollowUpsService {
  constructor(
    private readonly repository: FollowUpsRepository,
    private readonly factory: FollowUpFactory,
    private readonly scheduler: FollowUpScheduler,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A task made by hand: for someone of the caller's team, or of the referral's receiving agency. */
  async create(actor: Actor, ability: AppAbility, input: CreateFollowUpDto): Promise<FollowUp> {
    const now = this.clock.now();
    const dueAt = new Date(input.dueAt);
    const remindAt = input.remindAt ? new Date(input.remindAt) : null;
    const followUp = await this.repository.transaction(async (tx) => {
      const owner = await this.repository.ownerCandidate(tx, input.ownerId);
      const referral = input.referralId
        ? await this.repository.visibleReferral(tx, ability, input.referralId, now)
        : null;
      if (input.referralId && !referral)
        throw new NotFoundError('referral').refusing({ resourceType: 'referral', resourceId: input.referralId });
      const team: CaseTeam = referral
        ? { agencyIds: [referral.toAgencyId], districtIds: [referral.districtId] }
        : { agencyIds: [actor.agencyId], districtIds: actor.districtIds };
      const problems: FieldProblem[] = [];
      if (!owner) problems.push({ field: 'ownerId', message: 'no active user with this id' });
      else if (!mayOwnFollowUp(owner, team)) {
        problems.push({
          field: 'ownerId',
          message: referral
            ? 'must work at the receiving agency or coordinate the referral’s district'
            : 'must work at your agency or coordinate one of your districts',
        });
      }
      if (dueAt.getTime() <= now.getTime()) problems.push({ field: 'dueAt', message: 'must be in the future' });
      if (remindAt && remindAt.getTime() > dueAt.getTime())
        problems.push({ field: 'remindAt', message: 'must not be after dueAt' });
      if (problems.length > 0)
        throw new BusinessRuleError('The follow-up cannot be created', 'invalid-follow-up', problems);
      const [created] = await this.factory.create(tx, [
        {
          kind: 'task',
          referralId: referral?.id ?? null,
          ownerId: owner!.id,
          createdById: actor.id,
          districtId: referral?.districtId ?? owner!.districtIds[0] ?? null,
          text: input.text,
          due: { at: dueAt },
          remindAt,
          subjectId: referral?.subjectId ?? null,
        },
      ]);
      return created;
    });
    await this.factory.enqueue([followUp]);
    return followUp;
  }

  /** The caller's own follow-ups, soonest due first; the page's ids are audited with it. */
  list(ability: AppAbility, actor: Actor, query: FollowUpQuery): Promise<Page<FollowUp>> {
    return this.repository.transaction(async (tx) => {
      const page = await this.repository.listOwned(tx, ability, actor.id, query, this.clock.now());
      await this.audit.record(tx, {
        action: 'follow_up.list',
        outcome: 'allowed',
        details: { ids: page.items.map((row) => row.id) },
      });
      return page;
    });
  }

  /** Done or cancelled: the version moves on, so every pending step's job finds nothing to do; they are also removed. */
  async close(ability: AppAbility, id: string, how: 'complete' | 'cancel'): Promise<FollowUp> {
    const closed = await this.repository.transaction(async (tx) => {
      const followUp = await this.repository.lockVisible(tx, ability, id);
      if (!followUp) throw new NotFoundError('follow-up');
      if (!ability.can(how, asSubject('FollowUp', { ...followUp })))
        throw new ForbiddenActionError(`You may not ${how} this follow-up`);
      if (followUp.state !== 'open')
        throw new ConflictError(`The follow-up is already ${followUp.state}`, 'invalid-transition');
      const after = await this.repository.close(tx, id, how === 'complete' ? 'done' : 'cancelled', this.clock.now());
      await this.audit.record(tx, {
        action: how === 'complete' ? 'follow_up.complete' : 'follow_up.cancel',
        resourceId: id,
        outcome: 'allowed',
      });
      return { before: followUp, after };
    });
    await this.scheduler.unschedule(closed.before);
    return closed.after;
  }

  /**
   * Moves an open follow-up's due time, by its owner or a coordinator of its district, at the
   * version read (409 when stale). The reminder is one day before the new due time (at once when
   * that has passed), the escalation starts over; the version moves on, so the old steps' jobs
   * find nothing to do and are removed, and the new steps go on the queue once.
   */
  async reschedule(ability: AppAbility, id: string, input: MoveFollowUpDto): Promise<FollowUp> {
    const now = this.clock.now();
    const moved = await this.repository.transaction(async (tx) => {
      const followUp = await this.repository.lockChangeable(tx, ability, id);
      if (!followUp) {
        if (await this.repository.lockVisible(tx, ability, id))
          throw new ForbiddenActionError('Only its owner or a coordinator of its district may move a follow-up');
        throw new NotFoundError('follow-up');
      }
      if (followUp.state !== 'open')
        throw new ConflictError(`The follow-up is already ${followUp.state}`, 'invalid-transition');
      if (followUp.version !== input.version)
        throw new ConflictError('The follow-up changed since you read it; read it again', 'stale-version');
      const dueAt = new Date(input.dueAt);
      if (dueAt.getTime() <= now.getTime())
        throw new BusinessRuleError('The follow-up cannot be moved', 'invalid-follow-up', [
          { field: 'dueAt', message: 'must be in the future' },
        ]);
      const zones = followUp.districtId
        ? await this.repository.districtTimeZones(tx, [followUp.districtId])
        : new Map<string, string>();
      const timeZone = (followUp.districtId && zones.get(followUp.districtId)) || this.config.get('WORKING_TIME_ZONE');
      const times = followUpTimes({ due: { at: dueAt }, timeZone, now });
      const after = await this.repository.reschedule(tx, id, input.version, times.dueAt, times.remindAt);
      if (!after) throw new ConflictError('The follow-up changed since you read it; read it again', 'stale-version');
      await this.audit.record(tx, {
        action: 'follow_up.reschedule',
        resourceId: id,
        outcome: 'allowed',
        details: { from: followUp.dueAt.toISOString(), to: after.dueAt.toISOString(), version: after.version },
      });
      return { before: followUp, after };
    });
    await this.scheduler.unschedule(moved.before);
    await this.factory.enqueue([moved.after]);
    return moved.after;
  }
}
