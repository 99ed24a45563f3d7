import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { Actor } from '../access/actor';
import { consentFields } from '../access/shares';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { entityColumns } from '../database/entity-columns';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { ReferralLifecycleService } from '../referrals/referral-lifecycle.service';
import { SubjectsService } from '../subjects/subjects.service';
import { ConsentExpiryScheduler } from './consent-expiry';
import { consentIsActive, consentProblems } from './consent-rules';
import { Consent } from './consent.entity';
import { CreateConsentDto } from './dto/consent.dto';

@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: SubjectsService,
    private readonly lifecycle: ReferralLifecycleService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly expiry: ConsentExpiryScheduler,
  ) {}

  /** Records a consent for a subject of the caller's district, checking who may give it. */
  async record(actor: Actor, ability: AppAbility, input: CreateConsentDto): Promise<Consent> {
    const consent = await this.audit.refusalsRecorded('consent.record', 'Subject', input.subjectId, () =>
      this.recordConsent(actor, ability, input),
    );
    await this.expiry.schedule(consent);
    return consent;
  }

  private recordConsent(actor: Actor, ability: AppAbility, input: CreateConsentDto): Promise<Consent> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.subjects.findVisible(manager, ability, input.subjectId);
      if (!found) throw new NotFoundError('subject');
      const { subject } = found;
      if (!ability.can('create', asSubject('Consent', { districtId: subject.districtId }))) {
        throw new ForbiddenActionError("Only a coordinator of the subject's district records consent");
      }
      const now = this.clock.now();
      const validUntil = input.validUntil ? new Date(input.validUntil) : null;
      const problems = consentProblems(
        { givenBy: input.givenBy, guardianName: input.guardianName, validUntil },
        subject.dateOfBirth,
        this.config.get('CONSENT_SELF_AGE'),
        now,
      );
      const known = await manager.findBy(Agency, { id: In(input.agencyIds) });
      const unknown = input.agencyIds.filter((id) => !known.some((agency) => agency.id === id));
      if (unknown.length > 0) problems.push({ field: 'agencyIds', message: `no agency with id ${unknown.join(', ')}` });
      if (problems.length > 0)
        throw new BusinessRuleError('The consent cannot be recorded', 'invalid-consent', problems);

      const consent = await manager.save(
        manager.create(Consent, {
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
        }),
      );
      await this.audit.record(manager, {
        action: 'consent.recorded',
        resourceType: 'Consent',
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
    return this.audit.refusalsRecorded('consent.withdraw', 'Consent', id, () =>
      this.withdrawConsent(actor, ability, id),
    );
  }

  private withdrawConsent(actor: Actor, ability: AppAbility, id: string): Promise<Consent> {
    return this.dataSource.transaction(async (manager) => {
      const consent = await this.visibleQuery(manager, ability)
        .andWhere('consent.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!consent) throw new NotFoundError('consent');
      const referredTo = await this.openReferralAgencies(manager, id);
      if (!ability.can('withdraw', asSubject('Consent', { ...consent, referredTo }))) {
        throw new ForbiddenActionError('You may see this consent but not record its withdrawal');
      }
      if (!consentIsActive(consent, this.clock.now())) {
        throw new ConflictError('The consent is already withdrawn or past its end', 'consent-not-active');
      }
      consent.withdrawnAt = this.clock.now();
      consent.withdrawnById = actor.id;
      await manager.update(Consent, { id }, { withdrawnAt: consent.withdrawnAt, withdrawnById: actor.id });
      await this.audit.record(manager, {
        action: 'consent.withdrawn',
        resourceType: 'Consent',
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
    const consents = await this.dataSource.transaction(async (manager) => {
      if (!(await this.subjects.findVisible(manager, ability, subjectId))) return null;
      const found = await this.visibleQuery(manager, ability)
        .andWhere('consent.subjectId = :subjectId', { subjectId })
        .orderBy('consent.givenAt', 'DESC')
        .getMany();
      await this.audit.recordMany(
        manager,
        found.map((consent) => ({
          action: 'consent.read',
          resourceType: 'Consent',
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
    return (
      this.visibleQuery(manager, ability)
        .andWhere('consent.id = :id AND consent.subjectId = :subjectId', { id, subjectId })
        .andWhere('consent.withdrawnAt IS NULL AND (consent.validUntil IS NULL OR consent.validUntil > :now)', {
          now: this.clock.now(),
        })
        // FOR SHARE: a withdrawal under way finishes first, and this then sees it.
        .setLock('pessimistic_read')
        .getOne()
    );
  }

  private async openReferralAgencies(manager: EntityManager, consentId: string): Promise<string[]> {
    const rows: { to_agency_id: string }[] = await manager.query(
      `SELECT DISTINCT to_agency_id FROM referrals WHERE consent_id = $1 AND status IN ('pending', 'accepted', 'in_progress')`,
      [consentId],
    );
    return rows.map((row) => row.to_agency_id);
  }

  private visibleQuery(manager: EntityManager, ability: AppAbility) {
    const access = accessSql(ability, 'read', 'Consent', {
      alias: 'consent',
      columns: { ...entityColumns(this.dataSource, Consent), ...consentFields('consent') },
    });
    return manager.getRepository(Consent).createQueryBuilder('consent').where(access.sql, access.params);
  }
}
