import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { InvalidSecondFactorError } from '../auth/auth.errors';
import { TotpService } from '../auth/totp.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Concern } from '../concerns/concern.entity';
import { readableFields } from '../concerns/concern-view';
import { ConcernsService } from '../concerns/concerns.service';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { User } from '../users/user.entity';
import { BreakGlassGrant } from './break-glass-grant.entity';
import { BreakGlassRequestDto, ReviewDto } from './dto/break-glass.dto';

@Injectable()
export class BreakGlassService {
  constructor(
    private readonly dataSource: DataSource,
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
  async open(
    actor: Actor,
    ability: AppAbility,
    input: BreakGlassRequestDto,
  ): Promise<BreakGlassGrant & { pseudonym: string }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const concern = await manager.findOneBy(Concern, { id: input.resourceId });
      if (!concern) throw new NotFoundError('concern');
      // Outside the coordinator's districts it is a record they may not know of: the same 404, but the auditor hears of it.
      if (!ability.can('break_glass', asSubject('Concern', concern))) return { refused: 'outside-districts', concern };
      const visible = await this.concerns.findVisible(manager, ability, concern.id);
      if (visible && readableFields(ability, visible).has('narrative'))
        throw new ConflictError('You can already read this concern; no break-glass is needed', 'not-needed');
      const user = await manager.findOneOrFail(User, { where: { id: actor.id }, lock: { mode: 'pessimistic_write' } });
      if (user.totpConfirmedAt) {
        if (!input.totp)
          throw new BusinessRuleError('Your account has a second factor: give a fresh code', 'totp-required', [
            { field: 'totp', message: 'required: your account has a second factor' },
          ]);
        if (!(await this.totp.verifyAndClaim(manager, user, input.totp))) return { refused: 'wrong-totp', concern };
      }
      return { grant: await this.grant(manager, actor, concern, input) };
    });
    if (outcome.grant) return (await this.withPseudonyms([outcome.grant]))[0]!;
    await this.audit.record(this.dataSource.manager, {
      action: 'break_glass.refused',
      resourceType: 'Concern',
      resourceId: outcome.concern!.id,
      subjectId: outcome.concern!.subjectId,
      outcome: 'denied',
      severity: 'high',
      details: { reason: outcome.refused },
    });
    throw outcome.refused === 'wrong-totp' ? new InvalidSecondFactorError() : new NotFoundError('concern');
  }

  /** Grants awaiting the auditor's review, oldest first, with the subject's pseudonym. */
  async awaitingReview(): Promise<(BreakGlassGrant & { pseudonym: string })[]> {
    const grants = await this.dataSource
      .getRepository(BreakGlassGrant)
      .find({ where: { reviewedAt: IsNull() }, order: { grantedAt: 'ASC' }, take: 500 });
    await this.audit.record(this.dataSource.manager, {
      action: 'break_glass.listed',
      resourceType: 'BreakGlass',
      outcome: 'allowed',
      details: { ids: grants.map((grant) => grant.id) },
    });
    return this.withPseudonyms(grants);
  }

  async review(actor: Actor, id: string, input: ReviewDto): Promise<BreakGlassGrant & { pseudonym: string }> {
    const reviewed = await this.dataSource.transaction(async (manager) => {
      const grant = await manager.findOne(BreakGlassGrant, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!grant) throw new NotFoundError('break-glass grant');
      if (grant.reviewedAt) throw new ConflictError('This grant has been reviewed already', 'already-reviewed');
      await manager.update(
        BreakGlassGrant,
        { id },
        { reviewedAt: this.clock.now(), reviewedById: actor.id, reviewOutcome: input.outcome, reviewNote: input.note },
      );
      await this.audit.record(manager, {
        action: 'break_glass.reviewed',
        resourceType: 'BreakGlass',
        resourceId: id,
        subjectId: grant.subjectId,
        outcome: 'allowed',
        details: { outcome: input.outcome },
      });
      return manager.findOneByOrFail(BreakGlassGrant, { id });
    });
    return (await this.withPseudonyms([reviewed]))[0]!;
  }

  private async grant(
    manager: EntityManager,
    actor: Actor,
    concern: Concern,
    input: BreakGlassRequestDto,
  ): Promise<BreakGlassGrant> {
    const now = this.clock.now();
    const grant = await manager.save(
      manager.create(BreakGlassGrant, {
        userId: actor.id,
        agencyId: actor.agencyId,
        resourceType: 'Concern',
        resourceId: concern.id,
        subjectId: concern.subjectId,
        reasonCode: input.reasonCode,
        justification: input.justification,
        grantedAt: now,
        expiresAt: new Date(now.getTime() + this.config.get('BREAK_GLASS_MINUTES') * 60_000),
        reviewedAt: null,
        reviewedById: null,
        reviewOutcome: null,
        reviewNote: null,
      }),
    );
    await this.audit.record(manager, {
      action: 'break_glass.granted',
      resourceType: 'Concern',
      resourceId: concern.id,
      subjectId: concern.subjectId,
      outcome: 'allowed',
      severity: 'high',
      purpose: input.reasonCode,
      details: { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() },
    });
    return grant;
  }

  private async withPseudonyms(grants: BreakGlassGrant[]) {
    const rows: { id: string; pseudonym: string }[] = grants.length
      ? await this.dataSource.query('SELECT id, pseudonym FROM subjects WHERE id = ANY($1)', [
          grants.map((grant) => grant.subjectId),
        ])
      : [];
    const pseudonyms = new Map(rows.map((row) => [row.id, row.pseudonym]));
    return grants.map((grant) => Object.assign(grant, { pseudonym: pseudonyms.get(grant.subjectId)! }));
  }
}
