import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { today } from '../clock/today';
import { ConcernsService } from '../concerns/concerns.service';
import { ConsentsService } from '../consents/consents.service';
import { Page } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { FollowUpFactory } from '../follow-ups/follow-up-factory.service';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
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
import { ReferralUnseenScheduler } from './referral-receipt';
import { ReferralNote } from './referral-note.entity';
import { ReferralTransition, TRANSITION_DONE, TRANSITIONS } from './referral-vocabulary';
import { Referral } from './referral.entity';
import type { User } from '../users/user.entity';
import { NewReferral, ReferralChanges, ReferralsRepository } from './referrals.repository';
import { refuseIfAnonymised } from '../subjects/subject-rules';

export type TransitionInput =
  | { transition: 'accept'; body: AcceptReferralDto }
  | { transition: 'decline'; body: DeclineReferralDto }
  | { transition: 'start'; body: StartReferralDto }
  | { transition: 'close'; body: CloseReferralDto };

@Injectable()
export class ReferralsService {
  constructor(
    private readonly repository: ReferralsRepository,
    private readonly concerns: ConcernsService,
    private readonly consents: ConsentsService,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly followUps: FollowUpFactory,
    private readonly unseen: ReferralUnseenScheduler,
  ) {}

  /** Today's date (YYYY-MM-DD) by the application's clock. */
  private today(): string {
    return today(this.clock.now());
  }

  /** One referral the caller may see, or null. */
  findVisible(manager: EntityManager, ability: AppAbility, id: string): Promise<Referral | null> {
    return this.repository.findVisible(manager, ability, id);
  }

  /** The coordinator's board: filtered in SQL, ordered by review date. */
  async list(ability: AppAbility, filter: ReferralQuery): Promise<Page<Referral>> {
    return this.repository.transaction(async (manager) => {
      const page = await this.repository.page(manager, ability, filter, this.today());
      await this.audit.recordMany(
        manager,
        page.items.map((referral) => ({
          action: 'referral.list' as const,
          resourceId: referral.id,
          subjectId: referral.subjectId,
          outcome: 'allowed' as const,
          purpose: sharePurpose(referral),
        })),
      );
      return page;
    });
  }

  /**
   * One referral with its notes. The first time someone of the receiving agency opens it while it
   * is pending, it is marked seen by them (its receipt, audited as `referral.mark_seen`): the
   * coordinator's board then shows it seen, and it is not flagged as left unseen.
   */
  async read(actor: Actor, ability: AppAbility, id: string): Promise<{ referral: Referral; notes: ReferralNote[] }> {
    return this.repository.transaction(async (manager) => {
      const referral = await this.repository.findVisible(manager, ability, id);
      if (!referral) throw new NotFoundError('referral');
      await this.audit.record(manager, {
        action: 'referral.read',
        resourceId: id,
        subjectId: referral.subjectId,
        outcome: 'allowed',
        purpose: sharePurpose(referral),
      });
      if (referral.status === 'pending' && !referral.seenAt && actor.agencyId === referral.toAgencyId) {
        const now = this.clock.now();
        if (await this.repository.markSeen(manager, id, actor.id, now)) {
          referral.seenAt = now;
          referral.seenById = actor.id;
          referral.seenBy = await this.repository.reader(manager, actor.id);
          await this.audit.record(manager, {
            action: 'referral.mark_seen',
            resourceId: id,
            subjectId: referral.subjectId,
            outcome: 'allowed',
            purpose: sharePurpose(referral),
          });
        }
      }
      const notes = await this.repository.notes(manager, ability, id);
      return { referral, notes };
    });
  }

  /** Routes a concern triaged as `refer` to an agency, on a legal basis that must cover it. */
  async create(actor: Actor, ability: AppAbility, input: CreateReferralDto): Promise<Referral> {
    const { referral, review } = await this.createReferral(actor, ability, input);
    await this.followUps.enqueue([review]);
    await this.unseen.schedule(referral);
    return referral;
  }

  private createReferral(actor: Actor, ability: AppAbility, input: CreateReferralDto) {
    return this.repository.transaction(async (manager) => {
      const concern = await this.concerns.findVisible(manager, ability, input.concernId);
      // A refusal names the concern: the referral it would have made does not exist.
      if (!concern)
        throw new NotFoundError('concern').refusing({ resourceType: 'concern', resourceId: input.concernId });
      if (!ability.can('create', asSubject('Referral', { districtId: concern.districtId }))) {
        throw new ForbiddenActionError("Only a coordinator of the concern's district refers it").refusing({
          resourceType: 'concern',
          resourceId: concern.id,
          subjectId: concern.subjectId,
        });
      }
      if (concern.subject) refuseIfAnonymised(concern.subject, 'concernId');
      if (concern.triageOutcome !== 'refer') {
        throw new BusinessRuleError('Only a concern triaged as refer can be referred', 'not-triaged-for-referral');
      }
      const recipient = await this.repository.findAgency(manager, input.toAgencyId);
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
        {
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
          createdById: actor.id,
        },
        recipient,
      );
      // The review date is the referring coordinator's follow-up, due that day in the district's time zone.
      const [review] = await this.followUps.create(manager, [
        {
          kind: 'referral_review',
          referralId: referral.id,
          ownerId: actor.id,
          createdById: actor.id,
          districtId: concern.districtId,
          text: 'Review the referral',
          due: { date: input.reviewDate },
          dueField: 'reviewDate',
          subjectId: concern.subjectId,
        },
      ]);
      await this.lifecycle.syncConcernStage(manager, concern.id);
      await this.audit.record(manager, {
        action: 'referral.create',
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
      // Read back through the caller's ability: a coordinator may refer only in their own districts,
      // where the same rule lets them read the referral they have just made.
      const made = await this.repository.findVisible(manager, ability, referral.id);
      if (!made) throw new Error('a referral its creator cannot read');
      return { referral: made, review: review };
    });
  }

  /** Saves a new referral; a second open one to the same agency is refused by the database's unique index. */
  private async insertOpenReferral(
    manager: EntityManager,
    referral: NewReferral,
    recipient: { name: string },
  ): Promise<Referral> {
    try {
      return await this.repository.insert(manager, referral);
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
      const { caseWorker, ...changes } = await this.changesFor(manager, referral, input);
      const { from, to } = TRANSITIONS[transition];
      const moved = await this.repository.transition(manager, id, body.version, from, { ...changes, status: to });
      if (!moved) {
        const current = await this.repository.state(manager, id);
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
      if (transition !== 'start') await this.lifecycle.notifyCoordinator(manager, referral, transition);
      await this.audit.record(manager, {
        action: `referral.${transition}` as const,
        resourceType: 'referral',
        resourceId: id,
        subjectId: referral.subjectId,
        outcome: 'allowed',
        purpose: sharePurpose(referral),
        details: {
          from: referral.status,
          to,
          ...(transition === 'close' ? { outcome: body.outcome } : {}),
        },
      });
      // The answer is the referral as the caller loaded it through their ability, with their own change
      // applied: not read again, since a decline or close ends the share a case worker saw it by.
      return { ...referral, ...changes, status: to, ...moved, ...(caseWorker ? { caseWorker } : {}) };
    });
  }

  /** A case note, for the receiving agency and the coordinator. */
  async addNote(actor: Actor, ability: AppAbility, id: string, text: string): Promise<ReferralNote> {
    return this.guarded(ability, id, 'note', async (manager, referral) => {
      const note = await this.repository.insertNote(manager, {
        referralId: id,
        authorId: actor.id,
        authorAgencyId: actor.agencyId,
        text,
      });
      await this.audit.record(manager, {
        action: 'referral.note',
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
  ): Promise<ReferralChanges & { caseWorker?: User }> {
    switch (input.transition) {
      case 'accept': {
        const caseWorker = await this.repository.findActiveStaff(manager, input.body.caseWorkerId, referral.toAgencyId);
        if (!caseWorker?.roles.includes('case_worker')) {
          throw new BusinessRuleError(
            'The case worker must be an active case worker of the receiving agency',
            'invalid-case-worker',
            [{ field: 'caseWorkerId', message: 'not a case worker of the receiving agency' }],
          );
        }
        return { caseWorkerId: caseWorker.id, caseWorker };
      }
      case 'decline':
        return { declineReason: input.body.reason, endedAt: this.clock.now() };
      case 'close':
        if (input.body.outcome === 'consent_withdrawn') {
          throw new BusinessRuleError(
            'consent_withdrawn is recorded by withdrawing the consent',
            'outcome-not-allowed',
            [{ field: 'outcome', message: 'withdraw the consent instead' }],
          );
        }
        return { outcome: input.body.outcome, outcomeNote: input.body.note, endedAt: this.clock.now() };
      case 'start':
        return {};
    }
  }

  /**
   * Loads the referral through the caller's visibility (404), checks the action on it (403)
   * and runs `work` in one transaction; a refusal is recorded where it is answered, after the rollback.
   */
  private async guarded<T>(
    ability: AppAbility,
    id: string,
    action: ReferralTransition | 'note',
    work: (manager: EntityManager, referral: Referral) => Promise<T>,
  ): Promise<T> {
    return this.repository.transaction(async (manager) => {
      const found = await this.repository.findVisibleWithShare(manager, ability, id);
      if (!found) throw new NotFoundError('referral');
      const { referral, shareActive } = found;
      if (!ability.can(action, asSubject('Referral', { ...referral, shareActive }))) {
        throw new ForbiddenActionError(`You may see this referral but not ${action} it`).refusing({
          subjectId: referral.subjectId,
        });
      }
      return work(manager, referral);
    });
  }
}
