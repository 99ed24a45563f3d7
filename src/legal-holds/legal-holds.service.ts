import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Page } from '../database/pagination';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { SubjectsService } from '../subjects/subjects.service';
import { LiftLegalHoldDto, PlaceLegalHoldDto } from './dto/legal-hold.dto';
import { legalHoldIsActive, legalHoldProblems } from './legal-hold-rules';
import { HoldWithNames, LegalHoldFilter, LegalHoldsRepository } from './legal-holds.repository';

@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly repository: LegalHoldsRepository,
    private readonly subjects: SubjectsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A coordinator of the subject's district places a hold: a reason, and a future end at most ten years ahead. */
  place(actor: Actor, ability: AppAbility, subjectId: string, input: PlaceLegalHoldDto): Promise<HoldWithNames> {
    return this.repository.transaction(async (manager) => {
      const found = await this.subjects.findVisible(manager, ability, subjectId);
      if (!found) throw new NotFoundError('subject');
      const { subject } = found;
      if (!ability.can('create', asSubject('LegalHold', { districtId: subject.districtId }))) {
        throw new ForbiddenActionError("Only a coordinator of the subject's district places a legal hold").refusing({
          subjectId: subject.id,
        });
      }
      const now = this.clock.now();
      const until = new Date(input.until);
      const problems = legalHoldProblems(until, now);
      if (problems.length > 0)
        throw new BusinessRuleError('The legal hold cannot be placed', 'invalid-legal-hold', problems);
      const hold = await this.repository.insert(manager, {
        subjectId: subject.id,
        districtId: subject.districtId,
        reason: input.reason,
        placedById: actor.id,
        placedByAgencyId: actor.agencyId,
        placedAt: now,
        until,
      });
      await this.audit.record(manager, {
        action: 'legal_hold.create',
        resourceId: hold.id,
        subjectId: subject.id,
        outcome: 'allowed',
        details: { until: until.toISOString() },
      });
      return hold;
    });
  }

  /** A coordinator of the district lifts an active hold, saying why; a lifted or lapsed one answers 409. */
  lift(actor: Actor, ability: AppAbility, id: string, input: LiftLegalHoldDto): Promise<HoldWithNames> {
    return this.repository.transaction(async (manager) => {
      const hold = await this.repository.findVisibleForUpdate(manager, ability, id);
      if (!hold) throw new NotFoundError('legal hold');
      if (!ability.can('lift', asSubject('LegalHold', { ...hold }))) {
        throw new ForbiddenActionError("Only a coordinator of the hold's district lifts it").refusing({
          subjectId: hold.subjectId,
        });
      }
      if (input.version !== undefined && input.version !== hold.version) {
        throw new ConflictError('The legal hold changed since you read it', 'stale-version');
      }
      const now = this.clock.now();
      if (!legalHoldIsActive.holds(hold, now)) {
        throw new ConflictError(
          hold.liftedAt ? 'The legal hold is already lifted' : 'The legal hold has lapsed',
          'legal-hold-not-active',
        );
      }
      const lifted = await this.repository.lift(manager, id, {
        liftedAt: now,
        liftedById: actor.id,
        liftReason: input.reason,
      });
      await this.audit.record(manager, {
        action: 'legal_hold.lift',
        resourceId: id,
        subjectId: hold.subjectId,
        outcome: 'allowed',
      });
      return lifted;
    });
  }

  /** The holds the caller may see (coordinators: their districts'; auditors and admins: all), each shown audited. */
  list(ability: AppAbility, filter: LegalHoldFilter): Promise<Page<HoldWithNames>> {
    return this.repository.transaction(async (manager) => {
      const page = await this.repository.list(manager, ability, filter, this.clock.now());
      await this.audit.recordMany(
        manager,
        page.items.map((hold) => ({
          action: 'legal_hold.list' as const,
          resourceId: hold.id,
          subjectId: hold.subjectId,
          outcome: 'allowed' as const,
        })),
      );
      return page;
    });
  }

  /** The holds of a subject the caller may see: for the coordinators of its district. */
  forSubject(ability: AppAbility, subjectId: string): Promise<HoldWithNames[]> {
    return this.repository.transaction(async (manager) => {
      const found = await this.subjects.findVisible(manager, ability, subjectId);
      if (!found) throw new NotFoundError('subject');
      if (!ability.can('read', asSubject('LegalHold', { districtId: found.subject.districtId }))) {
        throw new ForbiddenActionError("Only a coordinator of the subject's district reads its legal holds").refusing({
          subjectId,
        });
      }
      const holds = await this.repository.forSubject(manager, ability, subjectId);
      await this.audit.recordMany(
        manager,
        holds.map((hold) => ({
          action: 'legal_hold.list' as const,
          resourceId: hold.id,
          subjectId,
          outcome: 'allowed' as const,
        })),
      );
      return holds;
    });
  }

  /** One hold the caller may see, its read audited. */
  read(ability: AppAbility, id: string): Promise<HoldWithNames> {
    return this.repository.transaction(async (manager) => {
      const hold = await this.repository.findVisible(manager, ability, id);
      if (!hold) throw new NotFoundError('legal hold');
      await this.audit.record(manager, {
        action: 'legal_hold.read',
        resourceId: id,
        subjectId: hold.subjectId,
        outcome: 'allowed',
      });
      return hold;
    });
  }

  /** Which of `subjectIds` are held now: the subjects retention and erasure pass by. */
  heldSubjectIds(manager: EntityManager, subjectIds: string[]): Promise<string[]> {
    return this.repository.heldSubjectIds(manager, subjectIds, this.clock.now());
  }
}
