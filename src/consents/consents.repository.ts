import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { binder, consentFields, consentInForce, referralIsOpen } from '../access/shares';
import { Agency } from '../agencies/agency.entity';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Consent } from './consent.entity';

export type NewConsent = Omit<Consent, 'id' | 'createdAt' | 'subject'>;

/** Every query about consents: what the caller may see of them, and the few writes. */
@Injectable()
export class ConsentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Consents the caller may see: the CASL rules as SQL (`referredTo` from `consentFields`). */
  private visible(tx: EntityManager, ability: AppAbility) {
    const access = accessSql(ability, 'read', 'Consent', {
      alias: 'consent',
      columns: { ...entityColumns(this.dataSource, Consent), ...consentFields('consent') },
    });
    return tx.getRepository(Consent).createQueryBuilder('consent').where(access.sql, access.params);
  }

  /** One consent the caller may see, locked for a withdrawal (FOR UPDATE); null when they may not. */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  findVisibleForUpdate(tx: EntityManager, ability: AppAbility, id: string): Promise<Consent | null> {
    return this.visible(tx, ability).andWhere('consent.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** The consents of a subject the caller may see, newest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  forSubject(tx: EntityManager, ability: AppAbility, subjectId: string): Promise<Consent[]> {
    return this.visible(tx, ability)
      .andWhere('consent.subjectId = :subjectId', { subjectId })
      .orderBy('consent.givenAt', 'DESC')
      .getMany();
  }

  /**
   * A consent of `subjectId` in force at `now`, if the caller may see it, FOR SHARE: a withdrawal
   * under way finishes first, and this then sees it.
   */
  @GenerateSql({
    params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID, DummyValue.UUID, DummyValue.DATE],
  })
  activeForSubject(
    tx: EntityManager,
    ability: AppAbility,
    id: string,
    subjectId: string,
    now: Date,
  ): Promise<Consent | null> {
    const { param, params } = binder('inForce');
    return this.visible(tx, ability)
      .andWhere('consent.id = :id AND consent.subjectId = :subjectId', { id, subjectId })
      .andWhere(consentInForce.sql('consent', now, param), params)
      .setLock('pessimistic_read')
      .getOne();
  }

  /** The agencies an open referral resting on the consent goes to: its `referredTo`, for the in-memory check. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async openReferralAgencies(tx: EntityManager, consentId: string): Promise<string[]> {
    const { param, params } = binder('onit');
    const rows = await tx
      .createQueryBuilder()
      .select('DISTINCT "onit"."to_agency_id"', 'to_agency_id')
      .from('referrals', 'onit')
      .where(`"onit"."consent_id" = ${param(consentId)} AND ${referralIsOpen('onit', param)}`, params)
      .getRawMany<{ to_agency_id: string }>();
    return rows.map((row) => row.to_agency_id);
  }

  /** Which of these agencies exist. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async knownAgencyIds(tx: EntityManager, ids: string[]): Promise<string[]> {
    return (await tx.find(Agency, { select: { id: true }, where: { id: In(ids) } })).map((agency) => agency.id);
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        subjectId: DummyValue.UUID,
        districtId: DummyValue.UUID,
        givenBy: 'subject',
        guardianName: null,
        agencyIds: DummyValue.UUID_SET,
        purpose: DummyValue.STRING,
        givenAt: DummyValue.DATE,
        validUntil: null,
        withdrawnAt: null,
        withdrawnById: null,
        recordedById: DummyValue.UUID,
      },
    ],
  })
  insert(tx: EntityManager, consent: NewConsent): Promise<Consent> {
    return tx.save(tx.create(Consent, consent));
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE, DummyValue.UUID] })
  async markWithdrawn(tx: EntityManager, id: string, at: Date, byId: string): Promise<void> {
    await tx.update(Consent, { id }, { withdrawnAt: at, withdrawnById: byId });
  }
}
