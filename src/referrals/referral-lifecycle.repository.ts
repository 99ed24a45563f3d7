import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Concern } from '../concerns/concern.entity';
import { binder, consentInForce, referralIsOpen } from '../access/shares';
import { ConcernStatus } from '../concerns/concern-vocabulary';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { ReferralOutcome, ReferralStatus } from './referral-vocabulary';
import { Referral } from './referral.entity';

/** The state of a referral closed because its basis lapsed. */
const CLOSED: ReferralStatus = 'closed';

/** The queries behind what a referral's state means for others: the concern's stage, lapsed consents. */
@Injectable()
export class ReferralLifecycleRepository {
  /** Takes the concern's row lock: whoever changes its referrals then does so one after the other. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async lockConcern(tx: EntityManager, concernId: string): Promise<void> {
    await tx.findOne(Concern, { select: { id: true }, where: { id: concernId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The status and legal basis of each referral of a concern. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  referralsOf(tx: EntityManager, concernId: string): Promise<Pick<Referral, 'status' | 'legalBasis'>[]> {
    return tx.find(Referral, { where: { concernId }, select: { status: true, legalBasis: true } });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'referred', false] })
  async setConcernStage(
    tx: EntityManager,
    concernId: string,
    status: ConcernStatus,
    referredOnVitalInterest: boolean,
  ): Promise<void> {
    await tx.update(Concern, { id: concernId }, { status, referredOnVitalInterest });
  }

  /**
   * The open referrals resting on a consent withdrawn or past its end at `now` (of one consent, or
   * of all), locked for closing.
   */
  @GenerateSql({ name: 'one consent', params: [DummyValue.tx, DummyValue.DATE, DummyValue.UUID] })
  @GenerateSql({ name: 'every consent', params: [DummyValue.tx, DummyValue.DATE] })
  lapsedForUpdate(tx: EntityManager, now: Date, consentId?: string): Promise<Referral[]> {
    const { param, params } = binder('lapsed');
    return tx
      .createQueryBuilder(Referral, 'referral')
      .innerJoin('referral.consent', 'consent')
      .where(referralIsOpen('referral', param), params)
      .andWhere(`NOT ${consentInForce.sql('consent', now, param)}`, params)
      .andWhere(consentId ? 'consent.id = :consentId' : 'TRUE', { consentId })
      .setLock('pessimistic_write', undefined, ['referral'])
      .getMany();
  }

  /** Closes these referrals with an outcome at `at` (TypeORM bumps the version column itself). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, 'consent_withdrawn', DummyValue.DATE] })
  async close(tx: EntityManager, ids: string[], outcome: ReferralOutcome, at: Date): Promise<void> {
    await tx.update(Referral, { id: In(ids) }, { status: CLOSED, outcome, endedAt: at });
  }
}
