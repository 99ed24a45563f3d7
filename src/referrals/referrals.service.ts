import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { Actor } from '../access/actor';
import { referralShareFields, shareIsActive } from '../access/shares';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { ConcernsService } from '../concerns/concerns.service';
import { ConsentsService } from '../consents/consents.service';
import { entityColumns } from '../database/entity-columns';
import { isIsoDate, Page, paginate } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { FollowUpScheduler } from '../follow-ups/follow-up-scheduler.service';
import { FollowUp } from '../follow-ups/follow-up.entity';
import {
  BusinessRuleError,
  ConflictError,
  DomainError,
  ForbiddenActionError,
  NotFoundError,
} from '../http/domain-errors';
import { Subject } from '../subjects/subject.entity';
import { User } from '../users/user.entity';
import {
  AcceptReferralDto,
  CloseReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ReferralQuery,
  StartReferralDto,
} from './dto/referral.dto';
import { shareProblems, sharePurpose } from './legal-basis';
import { ReferralLifecycleService } from './referral-lifecycle.service';
import { ReferralNote } from './referral-note.entity';
import { OPEN_REFERRAL_STATUSES, ReferralTransition, TRANSITION_DONE, TRANSITIONS } from './referral-vocabulary';
import { Referral } from './referral.entity';

export type TransitionInput =
  | { transition: 'accept'; body: AcceptReferralDto }
  | { transition: 'decline'; body: DeclineReferralDto }
  | { transition: 'start'; body: StartReferralDto }
  | { transition: 'close'; body: CloseReferralDto };

type Outcome<T> = { done: T } | { refused: DomainError; subjectId: string | null };

@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly concerns: ConcernsService,
    private readonly consents: ConsentsService,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly followUps: FollowUpScheduler,
  ) {}

  /** Today's date (YYYY-MM-DD) by the application's clock. */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** Referrals the caller may see: the CASL rules (with the legal basis still holding) as SQL. */
  visibleQuery(manager: EntityManager, ability: AppAbility): SelectQueryBuilder<Referral> {
    const access = accessSql(ability, 'read', 'Referral', {
      alias: 'referral',
      columns: { ...entityColumns(this.dataSource, Referral), ...referralShareFields('referral', this.clock.now()) },
    });
    return this.withRelations(manager).where(access.sql, access.params);
  }

  private withRelations(manager: EntityManager): SelectQueryBuilder<Referral> {
    return manager
      .getRepository(Referral)
      .createQueryBuilder('referral')
      .innerJoinAndSelect('referral.toAgency', 'toAgency')
      .innerJoinAndMapOne('referral.subject', Subject, 'subject', 'subject.id = referral.subjectId');
  }

  /** The coordinator's board: filtered in SQL, ordered by review date. */
  async list(ability: AppAbility, filter: ReferralQuery): Promise<Page<Referral>> {
    return this.dataSource.transaction(async (manager) => {
      const query = this.visibleQuery(manager, ability);
      if (filter.status) query.andWhere('referral.status = :status', { status: filter.status });
      if (filter.toAgencyId) query.andWhere('referral.toAgencyId = :toAgencyId', { toAgencyId: filter.toAgencyId });
      if (filter.districtId) query.andWhere('referral.districtId = :districtId', { districtId: filter.districtId });
      if (filter.programme) query.andWhere('referral.programme = :programme', { programme: filter.programme });
      if (filter.overdue !== undefined) {
        const overdue = 'referral.status IN (:...open) AND referral.reviewDate < :today';
        query.andWhere(filter.overdue ? overdue : `NOT (${overdue})`, {
          open: OPEN_REFERRAL_STATUSES,
          today: this.today(),
        });
      }
      const page = await paginate(query, filter, {
        column: 'reviewDate',
        direction: 'ASC',
        keyOf: (referral) => referral.reviewDate,
        keyIsValid: isIsoDate,
      });
      await this.audit.recordMany(
        manager,
        page.items.map((referral) => ({
          ...this.event('referral.listed', referral.id, referral.subjectId, 'allowed'),
          purpose: sharePurpose(referral),
        })),
      );
      return page;
    });
  }

  async read(ability: AppAbility, id: string): Promise<{ referral: Referral; notes: ReferralNote[] }> {
    const found = await this.dataSource.transaction(async (manager) => {
      const referral = await this.visibleQuery(manager, ability).andWhere('referral.id = :id', { id }).getOne();
      await this.audit.record(manager, {
        ...this.event('referral.read', id, referral?.subjectId ?? null, referral ? 'allowed' : 'denied'),
        purpose: referral ? sharePurpose(referral) : null,
      });
      if (!referral) return null;
      const notes = await manager.find(ReferralNote, { where: { referralId: id }, order: { createdAt: 'ASC' } });
      return { referral, notes };
    });
    if (!found) throw new NotFoundError('referral');
    return found;
  }

  /** Routes a concern triaged as `refer` to an agency, on a legal basis that must cover it. */
  async create(actor: Actor, ability: AppAbility, input: CreateReferralDto): Promise<Referral> {
    const { referral, review } = await this.audit.refusalsRecorded('referral.create', 'Concern', input.concernId, () =>
      this.createReferral(actor, ability, input),
    );
    await this.followUps.schedule([review]);
    return referral;
  }

  private createReferral(actor: Actor, ability: AppAbility, input: CreateReferralDto) {
    return this.dataSource.transaction(async (manager) => {
      const concern = await this.concerns.findVisible(manager, ability, input.concernId);
      if (!concern) throw new NotFoundError('concern');
      if (!ability.can('create', asSubject('Referral', { districtId: concern.districtId }))) {
        throw new ForbiddenActionError("Only a coordinator of the concern's district refers it");
      }
      if (concern.triageOutcome !== 'refer') {
        throw new BusinessRuleError('Only a concern triaged as refer can be referred', 'not-triaged-for-referral');
      }
      const recipient = await manager.findOneBy(Agency, { id: input.toAgencyId });
      if (!recipient) {
        throw new BusinessRuleError('The receiving agency does not exist', 'unknown-agency', [
          { field: 'toAgencyId', message: 'no agency with this id' },
        ]);
      }
      const consent = input.consentId
        ? await this.consents.activeForSubject(manager, ability, input.consentId, concern.subjectId)
        : null;
      const problems = shareProblems({
        legalBasis: input.legalBasis,
        consent,
        consentNamed: Boolean(input.consentId),
        recipient,
        owningAgencyKind: concern.owningAgency!.kind,
      });
      if (input.reviewDate <= this.today()) problems.push({ field: 'reviewDate', message: 'must be after today' });
      if (problems.length > 0) {
        throw new BusinessRuleError(problems.map((problem) => problem.message).join('; '), 'legal-basis', problems);
      }

      // The concern's row before anything that references it: two referrals created at once
      // then queue on it instead of deadlocking between the insert's key-share lock and the stage update.
      await this.lifecycle.lockConcern(manager, concern.id);
      const referral = await this.insertOpenReferral(
        manager,
        manager.create(Referral, {
          concernId: concern.id,
          concernCreatedAt: concern.createdAt,
          subjectId: concern.subjectId,
          districtId: concern.districtId,
          toAgencyId: recipient.id,
          programme: input.programme ?? null,
          legalBasis: input.legalBasis,
          consentId: consent?.id ?? null,
          reason: input.reason,
          reviewDate: input.reviewDate,
          status: 'pending',
          caseWorkerId: null,
          declineReason: null,
          outcome: null,
          outcomeNote: null,
          createdById: actor.id,
        }),
        recipient,
      );
      const dueAt = new Date(`${input.reviewDate}T08:00:00.000Z`);
      const review = manager.create(FollowUp, {
        kind: 'referral_review',
        referralId: referral.id,
        ownerId: actor.id,
        createdById: actor.id,
        districtId: concern.districtId,
        text: 'Review the referral',
        dueAt,
        remindAt: new Date(dueAt.getTime() - 24 * 3_600_000),
        state: 'open',
        escalationLevel: 0,
        closedAt: null,
      });
      await manager.save(review);
      await this.lifecycle.syncConcernStage(manager, concern.id);
      await this.audit.record(manager, {
        action: 'referral.created',
        resourceType: 'Referral',
        resourceId: referral.id,
        subjectId: concern.subjectId,
        outcome: 'allowed',
        purpose: sharePurpose({ legalBasis: input.legalBasis, consentId: consent?.id ?? null }),
        details: {
          concernId: concern.id,
          toAgencyId: recipient.id,
          legalBasis: input.legalBasis,
          consentId: consent?.id ?? null,
        },
      });
      return { referral: await this.current(manager, referral.id), review };
    });
  }

  /** Saves a new referral; a second open one to the same agency is refused by the database's unique index. */
  private async insertOpenReferral(manager: EntityManager, referral: Referral, recipient: Agency): Promise<Referral> {
    try {
      return await manager.save(referral);
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_referrals_open_per_agency')) throw error;
      throw new ConflictError(`The concern already has an open referral to ${recipient.name}`, 'duplicate-referral');
    }
  }

  /**
   * Moves a referral along its state machine. The update is conditional on the version and
   * the state it was based on, so of two people acting at once exactly one wins.
   */
  async transition(ability: AppAbility, id: string, input: TransitionInput): Promise<Referral> {
    const { transition, body } = input;
    return this.guarded(ability, id, transition, async (manager, referral) => {
      const changes = await this.changesFor(manager, referral, input);
      const { from, to } = TRANSITIONS[transition];
      const result = await manager
        .createQueryBuilder()
        .update(Referral)
        .set({ ...changes, status: to })
        .where('id = :id AND version = :version AND status IN (:...from)', { id, version: body.version, from })
        .execute();
      if (result.affected !== 1) {
        const current = await manager.findOneByOrFail(Referral, { id });
        if (current.version !== body.version) {
          throw new ConflictError(
            `The referral changed since you read it; it is now ${current.status}`,
            'stale-version',
          );
        }
        throw new ConflictError(
          `A referral that is ${current.status} cannot be ${TRANSITION_DONE[transition]}`,
          'invalid-transition',
        );
      }
      await this.lifecycle.syncConcernStage(manager, referral.concernId);
      if (transition !== 'start')
        await this.lifecycle.notifyCoordinator(manager, referral, TRANSITION_DONE[transition]);
      await this.audit.record(manager, {
        action: `referral.${transition}`,
        resourceType: 'Referral',
        resourceId: id,
        subjectId: referral.subjectId,
        outcome: 'allowed',
        purpose: sharePurpose(referral),
        details: {
          from: referral.status,
          to,
          ...(transition === 'close' ? { outcome: (body as CloseReferralDto).outcome } : {}),
        },
      });
      return this.current(manager, id);
    });
  }

  /** A case note, for the receiving agency and the coordinator. */
  async addNote(actor: Actor, ability: AppAbility, id: string, text: string): Promise<ReferralNote> {
    return this.guarded(ability, id, 'note', async (manager, referral) => {
      const note = await manager.save(
        manager.create(ReferralNote, { referralId: id, authorId: actor.id, authorAgencyId: actor.agencyId, text }),
      );
      await this.audit.record(manager, {
        action: 'referral.noted',
        resourceType: 'Referral',
        resourceId: id,
        subjectId: referral.subjectId,
        outcome: 'allowed',
        purpose: sharePurpose(referral),
        details: { noteId: note.id },
      });
      return note;
    });
  }

  private async changesFor(
    manager: EntityManager,
    referral: Referral,
    input: TransitionInput,
  ): Promise<Partial<Referral>> {
    switch (input.transition) {
      case 'accept': {
        const caseWorker = await manager.findOneBy(User, {
          id: input.body.caseWorkerId,
          agencyId: referral.toAgencyId,
          active: true,
        });
        if (!caseWorker?.roles.includes('case_worker')) {
          throw new BusinessRuleError(
            'The case worker must be an active case worker of the receiving agency',
            'invalid-case-worker',
            [{ field: 'caseWorkerId', message: 'not a case worker of the receiving agency' }],
          );
        }
        return { caseWorkerId: caseWorker.id };
      }
      case 'decline':
        return { declineReason: input.body.reason };
      case 'close':
        if (input.body.outcome === 'consent_withdrawn') {
          throw new BusinessRuleError(
            'consent_withdrawn is recorded by withdrawing the consent',
            'outcome-not-allowed',
            [{ field: 'outcome', message: 'withdraw the consent instead' }],
          );
        }
        return { outcome: input.body.outcome, outcomeNote: input.body.note };
      case 'start':
        return {};
    }
  }

  /**
   * Loads the referral through the caller's visibility (404), checks the action on it (403)
   * and runs `work` in one transaction; refusals are audited after the rollback.
   */
  private async guarded<T>(
    ability: AppAbility,
    id: string,
    action: ReferralTransition | 'note',
    work: (manager: EntityManager, referral: Referral) => Promise<T>,
  ): Promise<T> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome<T>> => {
      const { entities, raw } = await this.visibleQuery(manager, ability)
        .addSelect(shareIsActive('referral', ':shareNow'), 'share_active')
        .setParameter('shareNow', this.clock.now())
        .andWhere('referral.id = :id', { id })
        .getRawAndEntities<{ share_active: boolean }>();
      const referral = entities[0];
      if (!referral) return { refused: new NotFoundError('referral'), subjectId: null };
      if (!ability.can(action, asSubject('Referral', { ...referral, shareActive: raw[0]!.share_active }))) {
        return {
          refused: new ForbiddenActionError(`You may see this referral but not ${action} it`),
          subjectId: referral.subjectId,
        };
      }
      return { done: await work(manager, referral) };
    });
    if ('done' in outcome) return outcome.done;
    await this.audit.record(this.dataSource.manager, this.event(`referral.${action}`, id, outcome.subjectId, 'denied'));
    throw outcome.refused;
  }

  /** The referral as it now is, for the answer to whoever just acted on it (who may no longer see it: a closed share). */
  private async current(manager: EntityManager, id: string): Promise<Referral> {
    return (await this.withRelations(manager).where('referral.id = :id', { id }).getOne())!;
  }

  private event(action: string, id: string, subjectId: string | null, outcome: 'allowed' | 'denied') {
    return { action, resourceType: 'Referral', resourceId: id, subjectId, outcome };
  }
}
