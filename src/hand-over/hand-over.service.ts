import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { mayOwnFollowUp } from '../follow-ups/follow-up-owner';
import { BusinessRuleError, FieldProblem, NotFoundError } from '../http/domain-errors';
import { NotificationsService } from '../notifications/notifications.service';
import { HandedOverDto } from './dto/hand-over.dto';
import { Colleague, HandOverRepository, OwnedFollowUp, OwnedReferral } from './hand-over.repository';

/** How many ids a refusal lists of each kind (the counts are always whole). */
const IDS_SHOWN = 50;

/** A user's open case work: the referrals they are the case worker of, the follow-ups they own. */
export interface OpenWork {
  referrals: OwnedReferral[];
  followUps: OwnedFollowUp[];
}

const listed = (ids: string[]) =>
  ids.length > IDS_SHOWN ? `${ids.slice(0, IDS_SHOWN).join(', ')} and ${ids.length - IDS_SHOWN} more` : ids.join(', ');

/**
 * A user who leaves must not take open case work with them: deactivating one who still owns open
 * referrals or follow-ups is refused (naming them), and an admin hands it all to a colleague in one
 * step first. Ids only: the admin never sees the case content.
 */
@Injectable()
export class HandOverService {
  constructor(
    private readonly repository: HandOverRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Inside the deactivating transaction: 422 naming the open work, when there is any. */
  async refuseIfOwningWork(tx: EntityManager, userId: string): Promise<void> {
    const work = await this.openWork(tx, userId);
    const problems = this.workProblems(work);
    if (problems.length === 0) return;
    const error = new BusinessRuleError(
      'The user still owns open case work: hand it over to a colleague first (POST /api/v1/users/{id}/hand-over)',
      'open-work',
      problems,
    );
    // Counted for the admin's screen, which says it in the admin's language (ids only in the messages, never content).
    error.extensions.openWork = { referrals: work.referrals.length, followUps: work.followUps.length };
    throw error;
  }

  /** Moves every open referral and follow-up of `fromUserId` to `toUserId`, in one transaction, audited per record. */
  handOver(fromUserId: string, toUserId: string): Promise<HandedOverDto> {
    return this.repository.transaction(async (tx) => {
      const from = await this.repository.lockColleague(tx, fromUserId);
      if (!from) throw new NotFoundError('user');
      const to = toUserId === fromUserId ? null : await this.repository.lockColleague(tx, toUserId);
      const work = await this.openWork(tx, fromUserId);
      const problems = this.recipientProblems(from, to, work);
      if (problems.length > 0)
        throw new BusinessRuleError('The work cannot be handed over', 'invalid-hand-over', problems);
      const referralIds = work.referrals.map((referral) => referral.id);
      const followUpIds = work.followUps.map((followUp) => followUp.id);
      await this.repository.moveReferrals(tx, referralIds, toUserId, this.clock.now());
      await this.repository.moveFollowUps(tx, followUpIds, toUserId);
      for (const id of referralIds) await this.notifications.notifyUser(tx, toUserId, 'referral.hand_over', id);
      for (const id of followUpIds) await this.notifications.notifyUser(tx, toUserId, 'follow_up.hand_over', id);
      await this.audit.recordMany(tx, [
        ...work.referrals.map((referral) => ({
          action: 'referral.hand_over' as const,
          resourceId: referral.id,
          subjectId: referral.subjectId,
          outcome: 'allowed' as const,
          details: { from: fromUserId, to: toUserId },
        })),
        ...work.followUps.map((followUp) => ({
          action: 'follow_up.hand_over' as const,
          resourceId: followUp.id,
          outcome: 'allowed' as const,
          details: { from: fromUserId, to: toUserId },
        })),
      ]);
      await this.audit.record(tx, {
        action: 'user.hand_over',
        resourceId: fromUserId,
        outcome: 'allowed',
        details: { to: toUserId, referrals: referralIds.length, followUps: followUpIds.length },
      });
      return { toUserId, referralIds, followUpIds };
    });
  }

  private async openWork(tx: EntityManager, userId: string): Promise<OpenWork> {
    return {
      referrals: await this.repository.openReferralsOf(tx, userId),
      followUps: await this.repository.openFollowUpsOf(tx, userId),
    };
  }

  private workProblems(work: OpenWork): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (work.referrals.length > 0)
      problems.push({
        field: 'referrals',
        message: `${work.referrals.length} open referral(s) as case worker: ${listed(work.referrals.map((r) => r.id))}`,
      });
    if (work.followUps.length > 0)
      problems.push({
        field: 'followUps',
        message: `${work.followUps.length} open follow-up(s): ${listed(work.followUps.map((f) => f.id))}`,
      });
    return problems;
  }

  /** The colleague must be active, of the same agency, and allowed to own every piece of the work. */
  private recipientProblems(from: Colleague, to: Colleague | null, work: OpenWork): FieldProblem[] {
    const field = 'toUserId';
    if (!to) return [{ field, message: 'no other user with this id' }];
    if (!to.active) return [{ field, message: 'is not active' }];
    if (to.agencyId !== from.agencyId) return [{ field, message: 'must work at the same agency' }];
    const problems: FieldProblem[] = [];
    if (work.referrals.length > 0 && !to.roles.includes('case_worker'))
      problems.push({ field, message: 'must be a case worker to take over referrals' });
    const refused = work.followUps.filter(
      (followUp) =>
        !mayOwnFollowUp(
          to,
          followUp.referralAgencyId
            ? { agencyIds: [followUp.referralAgencyId], districtIds: [followUp.referralDistrictId!] }
            : { agencyIds: [from.agencyId], districtIds: followUp.districtId ? [followUp.districtId] : [] },
        ),
    );
    if (refused.length > 0)
      problems.push({
        field,
        message: `may not own ${refused.length} of the follow-up(s): ${listed(refused.map((followUp) => followUp.id))}`,
      });
    return problems;
  }
}
