import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { ReferralLifecycleService } from '../referrals/referral-lifecycle.service';
import { refuseIfAnonymised } from '../subjects/subject-rules';
import { SubjectsService } from '../subjects/subjects.service';
import { ConsentExpiryScheduler } from './consent-expiry';
import { consentIsActive, consentProblems } from './consent-rules';
import { Consent } from './consent.entity';
import { ConsentsRepository } from './consents.repository';
import { CreateConsentDto } from './dto/consent.dto';

@Injectable()
export class ConsentsService {
  constructor(
    private readonly repository: ConsentsRepository,
    private readonly subjects: SubjectsService,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly expiry: ConsentExpiryScheduler,
  ) {}

  /** Records a consent for a subject of the caller's district, checking who may give it. */
  async record(actor: Actor, ability: AppAbility, input: CreateConsentDto): Promise<Consent> {
    const consent = await this.recordConsent(actor, ability, input);
    await this.expiry.schedule(consent);
    return consent;
  }

  private recordConsent(actor: Actor, ability: AppAbility, input: CreateConsentDto): Promise<Consent> {
    return this.repository.transaction(async (manager) => {
      const found = await this.subjects.findVisible(manager, ability, input.subjectId);
      // A refusal names the subject: the consent it would have made does not exist.
      if (!found) throw new NotFoundError('subject').refusing({ resourceType: 'subject', resourceId: input.subjectId });
      const { subject } = found;
      if (!ability.can('create', asSubject('Consent', { districtId: subject.districtId }))) {
        throw new ForbiddenActionError("Only a coordinator of the subject's district records consent").refusing({
          resourceType: 'subject',
          resourceId: subject.id,
          subjectId: subject.id,
        });
      }
      refuseIfAnonymised(subject, 'subjectId');
      const now = this.clock.now();
      const validUntil = input.validUntil ? new Date(input.validUntil) : null;
      const problems = consentProblems(
        { givenBy: input.givenBy, guardianName: input.guardianName, validUntil },
        subject.dateOfBirth!,
        this.config.get('CONSENT_SELF_AGE'),
        now,
      );
      const known = await this.repository.knownAgencyIds(manager, input.agencyIds);
      const unknown = input.agencyIds.filter((id) => !known.includes(id));
      if (unknown.length > 0) problems.push({ field: 'agencyIds', message: `no agency with id ${unknown.join(', ')}` });
      if (problems.length > 0)
        throw new BusinessRuleError('The consent cannot be recorded', 'invalid-consent', problems);

      const consent = await this.repository.insert(manager, {
        subjectId: subject.id,
        districtId: subject.districtId,
        givenBy: input.givenBy,
        guardianName: input.guardianName ?? null,
        agencyIds: input.agencyIds,
        purpose: input.purpose,
        givenAt: now,
        validUntil,
        withdrawnAt: null,
        withdrawnById: null,
        recordedById: actor.id,
      });
      await this.audit.record(manager, {
        action: 'consent.create',
        resourceId: consent.id,
        subjectId: subject.id,
        outcome: 'allowed',
        details: { givenBy: consent.givenBy, agencyIds: consent.agencyIds, validUntil },
      });
      return consent;
    });
  }

  /** Withdrawal takes effect at once: access resting on the consent ends, its open referrals close. */
  async withdraw(actor: Actor, ability: AppAbility, id: string): Promise<Consent> {
    return this.withdrawConsent(actor, ability, id);
  }

  private withdrawConsent(actor: Actor, ability: AppAbility, id: string): Promise<Consent> {
    return this.repository.transaction(async (manager) => {
      const consent = await this.repository.findVisibleForUpdate(manager, ability, id);
      if (!consent) throw new NotFoundError('consent');
      const referredTo = await this.repository.openReferralAgencies(manager, id);
      if (!ability.can('withdraw', asSubject('Consent', { ...consent, referredTo }))) {
        throw new ForbiddenActionError('You may see this consent but not record its withdrawal').refusing({
          subjectId: consent.subjectId,
        });
      }
      if (!consentIsActive(consent, this.clock.now())) {
        throw new ConflictError('The consent is already withdrawn or past its end', 'consent-not-active');
      }
      consent.withdrawnAt = this.clock.now();
      consent.withdrawnById = actor.id;
      await this.repository.markWithdrawn(manager, id, consent.withdrawnAt, actor.id);
      await this.audit.record(manager, {
        action: 'consent.withdraw',
        resourceId: id,
        subjectId: consent.subjectId,
        outcome: 'allowed',
      });
      await this.lifecycle.closeOnWithdrawal(manager, id);
      return consent;
    });
  }

  /** The consents of a subject that the caller may see, newest first, each read audited. */
  async forSubject(ability: AppAbility, subjectId: string): Promise<Consent[]> {
    const consents = await this.repository.transaction(async (manager) => {
      if (!(await this.subjects.findVisible(manager, ability, subjectId))) return null;
      const found = await this.repository.forSubject(manager, ability, subjectId);
      await this.audit.recordMany(
        manager,
        found.map((consent) => ({
          action: 'consent.list',
          resourceId: consent.id,
          subjectId,
          outcome: 'allowed' as const,
        })),
      );
      return found;
    });
    if (!consents) throw new NotFoundError('subject');
    return consents;
  }

  /** An active consent of `subjectId`, if the caller may see it; a referral then checks what it covers. */
  async activeForSubject(
    manager: EntityManager,
    ability: AppAbility,
    id: string,
    subjectId: string,
  ): Promise<Consent | null> {
    return this.repository.activeForSubject(manager, ability, id, subjectId, this.clock.now());
  }
}
