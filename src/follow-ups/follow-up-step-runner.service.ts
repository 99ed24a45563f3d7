import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { AuditAction } from '../audit/audit-actions';
import { NOTIFICATION_KINDS, NotificationKind } from '../notifications/notification-kinds';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { FollowUpStepJob, followUpStepJobId, FollowUpStepName } from '../queue/queues';
import { FollowUpForStep, FollowUpsRepository } from './follow-ups.repository';

export type StepResult = 'done' | 'already_done' | 'stale';

/** What each step does, by one name: its audit event's action and its notifications' kind. */
const STEP_ACTIONS = {
  remind: 'follow_up.remind',
  overdue: 'follow_up.mark_overdue',
  escalate: 'follow_up.escalate',
} as const satisfies Record<FollowUpStepName, AuditAction & NotificationKind>;

/**
 * Does one step of a follow-up, once. The follow-up's row is locked and checked (still
 * open, same version); each notification is inserted under a unique delivery key, so a job
 * that runs twice — retried, duplicated, or run by two workers — notifies once.
 */
@Injectable()
export class FollowUpStepRunner {
  constructor(
    private readonly repository: FollowUpsRepository,
    private readonly audit: AuditService,
    private readonly dispatch: NotificationDispatch,
  ) {}

  async run(job: FollowUpStepJob): Promise<StepResult> {
    const { result, notificationIds } = await this.runOnce(job);
    await this.dispatch.dispatch(notificationIds);
    return result;
  }

  private runOnce(job: FollowUpStepJob): Promise<{ result: StepResult; notificationIds: string[] }> {
    const nothing = (result: StepResult) => ({ result, notificationIds: [] });
    return this.repository.transaction(async (tx) => {
      const followUp = await this.repository.lockForStep(tx, job.followUpId);
      if (!followUp || followUp.state !== 'open' || followUp.version !== job.version) return nothing('stale');
      const action = STEP_ACTIONS[job.step];
      const key = followUpStepJobId(job);
      const recipients = job.step === 'escalate' ? await this.coordinatorsOf(tx, followUp) : [followUp.ownerId];
      if (job.step === 'escalate') {
        if (followUp.escalationLevel > 0) return nothing('already_done');
        await this.repository.markEscalated(tx, followUp.id);
      }
      const notificationIds = await this.repository.insertStepNotifications(
        tx,
        recipients.map((userId) => ({
          recipientUserId: userId,
          kind: action,
          urgent: NOTIFICATION_KINDS[action].urgent,
          resourceId: followUp.id,
          deliveryKey: recipients.length === 1 ? key : `${key}-${userId}`,
        })),
      );
      if (notificationIds.length === 0) return nothing('already_done');
      await this.audit.record(tx, {
        action,
        resourceId: followUp.id,
        outcome: 'allowed',
        actor: SYSTEM_ACTOR,
        details: { recipients: recipients.length, version: job.version },
      });
      return { result: 'done' as const, notificationIds };
    });
  }

  /** The district's coordinators; the owner where the follow-up has no district or it has none. */
  private async coordinatorsOf(tx: EntityManager, followUp: FollowUpForStep): Promise<string[]> {
    if (!followUp.districtId) return [followUp.ownerId];
    const coordinators = await this.repository.coordinatorsOf(tx, followUp.districtId);
    return coordinators.length > 0 ? coordinators : [followUp.ownerId];
  }
}
