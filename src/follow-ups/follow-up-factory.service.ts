import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, FieldProblem } from '../http/domain-errors';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpDue, followUpTimes } from './follow-up-timing';
import { FollowUp } from './follow-up.entity';
import { FollowUpsRepository } from './follow-ups.repository';

export const FOLLOW_UP_KINDS = ['task', 'referral_review', 'action_item'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** A follow-up to make, as its creator says it: the factory decides its times. */
export interface FollowUpDraft {
  kind: FollowUpKind;
  ownerId: string;
  /** Who made it; null when the application did on its own. */
  createdById: string | null;
  /** Whose coordinators it escalates to, and whose time zone reads its due time. */
  districtId: string | null;
  referralId?: string | null;
  /** For an action item: the decision that set it. */
  minuteId?: string | null;
  text: string;
  /** A day (a referral's review date) or a moment; see `followUpTimes`. */
  due: FollowUpDue;
  /** A reminder time asked for; by default one day before the due time. */
  remindAt?: Date | null;
  /** The field a due time in the past is reported on (422); `dueAt` by default. */
  dueField?: string;
  /** Whose records it is about (a referral's subject), for the audit event. */
  subjectId?: string | null;
  /** More facts for the audit event: ids only, never personal data. */
  details?: Record<string, unknown>;
  /** For the audit event; the caller by default. */
  actor?: AuditActor;
}

/**
 * The one way a follow-up is made — by hand (`POST /follow-ups`), for a referral's review date,
 * for a meeting's action item, or by any new flow:
 *
 * 1. `create(tx, drafts)` inside the creator's transaction: times by the one rule
 *    (`followUpTimes`, read in the district's time zone), inserted, and a `follow_up.create`
 *    event for each in the same transaction;
 * 2. `enqueue(created)` once that transaction has committed: the steps go on the queue (best
 *    effort; the reconcile sweep schedules anything this misses, so PostgreSQL stays the truth).
 *
 * Who may own a follow-up and what it may be about stay the creator's rules.
 */
@Injectable()
export class FollowUpFactory {
  constructor(
    private readonly repository: FollowUpsRepository,
    private readonly audit: AuditService,
    private readonly scheduler: FollowUpScheduler,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(tx: EntityManager, drafts: FollowUpDraft[]): Promise<FollowUp[]> {
    if (drafts.length === 0) return [];
    const now = this.clock.now();
    const districtIds = [...new Set(drafts.flatMap((draft) => (draft.districtId ? [draft.districtId] : [])))];
    const zones = await this.repository.districtTimeZones(tx, districtIds);
    const workingZone = this.config.get('WORKING_TIME_ZONE');
    const problems: FieldProblem[] = [];
    const rows = drafts.map((draft) => {
      const timeZone = (draft.districtId && zones.get(draft.districtId)) || workingZone;
      const { dueAt, remindAt } = followUpTimes({ due: draft.due, remindAt: draft.remindAt, timeZone, now });
      if (dueAt.getTime() <= now.getTime())
        problems.push({ field: draft.dueField ?? 'dueAt', message: 'must be in the future' });
      return {
        kind: draft.kind,
        referralId: draft.referralId ?? null,
        minuteId: draft.minuteId ?? null,
        ownerId: draft.ownerId,
        createdById: draft.createdById,
        districtId: draft.districtId,
        text: draft.text,
        dueAt,
        remindAt,
      };
    });
    if (problems.length > 0)
      throw new BusinessRuleError('The follow-up cannot be created', 'invalid-follow-up', problems);
    const created = await this.repository.insert(tx, rows);
    await this.audit.recordMany(
      tx,
      created.map((followUp, index) => {
        const draft = drafts[index];
        return {
          action: 'follow_up.create' as const,
          resourceId: followUp.id,
          subjectId: draft.subjectId ?? null,
          outcome: 'allowed' as const,
          details: {
            kind: draft.kind,
            ...(draft.referralId ? { referralId: draft.referralId } : {}),
            ...draft.details,
          },
          ...(draft.actor ? { actor: draft.actor } : {}),
        };
      }),
    );
    return created;
  }

  /** After the creating transaction has committed: never makes the request wait on Redis. */
  async enqueue(followUps: FollowUp[]): Promise<void> {
    if (followUps.length > 0) await this.scheduler.schedule(followUps);
  }
}
