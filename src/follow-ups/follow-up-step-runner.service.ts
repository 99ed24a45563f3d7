import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { Notification } from '../notifications/notification.entity';
import { FollowUpStepJob, followUpStepJobId } from '../queue/queues';
import { FollowUp } from './follow-up.entity';

export type StepResult = 'done' | 'already-done' | 'stale';

/**
 * Does one step of a follow-up, once. The follow-up's row is locked and checked (still
 * open, same version); each notification is inserted under a unique delivery key, so a job
 * that runs twice — retried, duplicated, or run by two workers — notifies once.
 */
@Injectable()
export class FollowUpStepRunner {
  constructor(
    private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      const followUp = await manager.findOne(FollowUp, {
        where: { id: job.followUpId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!followUp || followUp.state !== 'open' || followUp.version !== job.version) return nothing('stale');
      const key = followUpStepJobId(job);
      const recipients = job.step === 'escalate' ? await this.coordinatorsOf(manager, followUp) : [followUp.ownerId];
      if (job.step === 'escalate') {
        if (followUp.escalationLevel > 0) return nothing('already-done');
        // Raw, so the version (which the other steps' jobs carry) stays as it is.
        await manager.query('UPDATE follow_ups SET escalation_level = 1 WHERE id = $1', [followUp.id]);
      }
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(
          recipients.map((userId) => ({
            recipientUserId: userId,
            recipientAgencyId: null,
            kind: `follow_up.${job.step}`,
            urgent: job.step === 'escalate',
            resourceType: 'FollowUp',
            resourceId: followUp.id,
            deliveryKey: recipients.length === 1 ? key : `${key}-${userId}`,
          })),
        )
        .orIgnore()
        .returning('id')
        .execute();
      const notificationIds = (inserted.raw as { id: string }[]).map((row) => row.id);
      if (notificationIds.length === 0) return nothing('already-done');
      await this.audit.record(manager, {
        action: `follow_up.${job.step}`,
        resourceType: 'FollowUp',
        resourceId: followUp.id,
        outcome: 'allowed',
        actor: SYSTEM_ACTOR,
        details: { recipients: recipients.length, version: job.version },
      });
      return { result: 'done' as const, notificationIds };
    });
  }

  /** The district's coordinators; the owner where the follow-up has no district or it has none. */
  private async coordinatorsOf(manager: EntityManager, followUp: FollowUp): Promise<string[]> {
    if (!followUp.districtId) return [followUp.ownerId];
    const rows: { id: string }[] = await manager.query(
      `SELECT u.id FROM users u JOIN user_districts d ON d.user_id = u.id
        WHERE d.district_id = $1 AND u.active AND 'coordinator' = ANY(u.roles)`,
      [followUp.districtId],
    );
    return rows.length > 0 ? rows.map((row) => row.id) : [followUp.ownerId];
  }
}
