import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { InvalidSecondFactorError } from '../auth/auth.errors';
import { TotpService } from '../auth/totp.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { readableFields } from '../access/concern-fields';
import { ConcernsService } from '../concerns/concerns.service';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { UsersRepository } from '../users/users.repository';
import { BreakGlassRepository, ConcernToOpen, GrantWithPseudonym } from './break-glass.repository';
import { BreakGlassRequestDto, ReviewDto } from './dto/break-glass.dto';

@Injectable()
export class BreakGlassService {
  constructor(
    private readonly grants: BreakGlassRepository,
    private readonly users: UsersRepository,
    private readonly concerns: ConcernsService,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Opens one concern the coordinator could not read in full, for BREAK_GLASS_MINUTES: with a
   * written reason, and a fresh one-time code where they have a second factor. The grant is a
   * high-severity audit event in the same transaction; a refused code is kept as a failure.
   */
  async open(actor: Actor, ability: AppAbility, input: BreakGlassRequestDto): Promise<GrantWithPseudonym> {
    const outcome = await this.grants.transaction(async (manager) => {
      const concern = await this.grants.concernToOpen(manager, input.resourceId);
      if (!concern)
        throw new NotFoundError('concern').refusing({ resourceType: 'concern', resourceId: input.resourceId });
      // Outside the coordinator's districts it is a record they may not know of: the same 404, but the auditor hears of it.
      if (!ability.can('break_glass', asSubject('Concern', concern))) return { refused: 'outside_districts', concern };
      const visible = await this.concerns.findVisible(manager, ability, concern.id);
      if (visible && readableFields(ability, visible).has('narrative'))
        throw new ConflictError('You can already read this concern; no break-glass is needed', 'not-needed');
      const user = (await this.users.forAccount(manager, actor.id, true))!;
      if (user.totpConfirmedAt) {
        if (!input.totp)
          throw new BusinessRuleError('Your account has a second factor: give a fresh code', 'totp-required', [
            { field: 'totp', message: 'required: your account has a second factor' },
          ]);
        if (!(await this.totp.verifyAndClaim(manager, user, input.totp))) return { refused: 'wrong_totp', concern };
      }
      return { grant: await this.grant(manager, actor, concern, input) };
    });
    if (outcome.grant) return outcome.grant;
    // Thrown once the refused code's claim has committed; recorded as every refusal is, here as a high-severity one.
    const refused = outcome.refused === 'wrong_totp' ? new InvalidSecondFactorError() : new NotFoundError('concern');
    throw refused.refusing({
      resourceType: 'concern',
      resourceId: outcome.concern.id,
      subjectId: outcome.concern.subjectId,
      severity: 'high',
      details: { reason: outcome.refused },
    });
  }

  /** Grants awaiting the auditor's review, oldest first, with the subject's pseudonym. */
  awaitingReview(ability: AppAbility): Promise<GrantWithPseudonym[]> {
    return this.grants.transaction(async (manager) => {
      const grants = await this.grants.awaitingReview(manager, ability);
      await this.audit.record(manager, {
        action: 'break_glass_grant.list',
        outcome: 'allowed',
        details: { ids: grants.map((grant) => grant.id) },
      });
      return grants;
    });
  }

  review(actor: Actor, ability: AppAbility, id: string, input: ReviewDto): Promise<GrantWithPseudonym> {
    return this.grants.transaction(async (manager) => {
      const grant = await this.grants.lockForReview(manager, ability, id);
      if (!grant) throw new NotFoundError('break-glass grant');
      if (grant.reviewedAt) throw new ConflictError('This grant has been reviewed already', 'already-reviewed');
      const reviewed = await this.grants.review(manager, id, {
        reviewedAt: this.clock.now(),
        reviewedById: actor.id,
        reviewOutcome: input.outcome,
        reviewNote: input.note,
      });
      await this.audit.record(manager, {
        action: 'break_glass_grant.review',
        resourceId: id,
        subjectId: grant.subjectId,
        outcome: 'allowed',
        details: { outcome: input.outcome },
      });
      return reviewed;
    });
  }

  private async grant(
    manager: EntityManager,
    actor: Actor,
    concern: ConcernToOpen,
    input: BreakGlassRequestDto,
  ): Promise<GrantWithPseudonym> {
    const now = this.clock.now();
    const grant = await this.grants.insert(manager, {
      userId: actor.id,
      agencyId: actor.agencyId,
      resourceType: 'concern',
      resourceId: concern.id,
      subjectId: concern.subjectId,
      reasonCode: input.reasonCode,
      justification: input.justification,
      grantedAt: now,
      expiresAt: new Date(now.getTime() + this.config.get('BREAK_GLASS_MINUTES') * 60_000),
    });
    await this.audit.record(manager, {
      action: 'break_glass_grant.create',
      resourceType: 'concern',
      resourceId: concern.id,
      subjectId: concern.subjectId,
      outcome: 'allowed',
      severity: 'high',
      purpose: input.reasonCode,
      details: { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() },
    });
    return grant;
  }
}
