import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { Clock } from '../clock/clock';
import { ConcernStatus } from '../concerns/concern-vocabulary';
import { NotificationsService } from '../notifications/notifications.service';
import { ReferralLifecycleRepository } from './referral-lifecycle.repository';
import { OPEN_REFERRAL_STATUSES, ReferralStatus, ReferralTransition } from './referral-vocabulary';
import { Referral } from './referral.entity';

/** The concern's stage as its reporter follows it, from the states of its referrals. */
export function concernStage(statuses: ReferralStatus[]): ConcernStatus {
  if (statuses.some((status) => status === 'accepted' || status === 'in_progress')) return 'referral_accepted';
  if (statuses.includes('pending')) return 'referred';
  if (statuses.includes('closed')) return 'closed';
  return 'referral_pending';
}

/**
 * What follows from a referral's state for others: the concern's stage, the coordinator's
 * notifications, and closing referrals whose consent lapsed. Shared by referrals, consents and the worker.
 */
@Injectable()
export class ReferralLifecycleService {
  constructor(
    private readonly repository: ReferralLifecycleRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Takes the concern's row lock: whoever changes its referrals then does so one after the other. */
  async lockConcern(manager: EntityManager, concernId: string): Promise<void> {
    await this.repository.lockConcern(manager, concernId);
  }

  /** The concern's stage, and whether an open referral shares it on vital interest, from its referrals. */
  async syncConcernStage(manager: EntityManager, concernId: string): Promise<void> {
    await this.lockConcern(manager, concernId);
    const referrals = await this.repository.referralsOf(manager, concernId);
    await this.repository.setConcernStage(
      manager,
      concernId,
      concernStage(referrals.map((referral) => referral.status)),
      referrals.some(
        (referral) => referral.legalBasis === 'vital_interest' && OPEN_REFERRAL_STATUSES.includes(referral.status),
      ),
    );
  }

  /** Tells the referral's coordinator it was accepted, declined or closed (`referral.accept`, ...: its audit action). */
  notifyCoordinator(
    manager: EntityManager,
    referral: Referral,
    transition: Exclude<ReferralTransition, 'start'>,
  ): Promise<void> {
    return this.notifications.notifyUser(manager, referral.createdById, `referral.${transition}`, referral.id);
  }

  /** A withdrawal closes the consent's open referrals at once, in the withdrawing coordinator's name. */
  closeOnWithdrawal(manager: EntityManager, consentId: string): Promise<Referral[]> {
    return this.closeLapsed(manager, consentId, undefined);
  }

  /**
   * Closes the open referrals resting on a consent that is withdrawn or past its end, with
   * outcome `consent_withdrawn`, and tells their coordinators. The worker's doing: at the
   * moment a consent expires (`consentId`), and in the reconcile sweep as a net (all of them).
   */
  closeOnExpiry(manager: EntityManager, consentId?: string): Promise<Referral[]> {
    return this.closeLapsed(manager, consentId, SYSTEM_ACTOR);
  }

  private async closeLapsed(manager: EntityManager, consentId: string | undefined, actor: AuditActor | undefined) {
    const lapsed = await this.repository.lapsedForUpdate(manager, this.clock.now(), consentId);
    if (lapsed.length === 0) return [];
    await this.repository.close(
      manager,
      lapsed.map((referral) => referral.id),
      'consent_withdrawn',
      this.clock.now(),
    );
    for (const referral of lapsed) {
      await this.syncConcernStage(manager, referral.concernId);
      await this.notifyCoordinator(manager, referral, 'close');
    }
    await this.audit.recordMany(
      manager,
      lapsed.map((referral) => ({
        action: 'referral.close',
        resourceId: referral.id,
        subjectId: referral.subjectId,
        outcome: 'allowed' as const,
        purpose: 'consent_withdrawn',
        actor,
        details: { outcome: 'consent_withdrawn', consentId: referral.consentId },
      })),
    );
    return lapsed;
  }
}
