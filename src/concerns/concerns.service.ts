import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Page } from '../database/pagination';
import { ConflictError, ForbiddenActionError, InvalidInputError, NotFoundError } from '../http/domain-errors';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { refuseIfAnonymised } from '../subjects/subject-rules';
import { SubjectsService } from '../subjects/subjects.service';
import { classificationFor } from './classification';
import { concernFilterFor } from './concern-filter';
import { Concern } from './concern.entity';
import { concernForChecks, readableFields } from '../access/concern-fields';
import { ConcernsRepository } from './concerns.repository';
import { EMERGENCY_RISK_LEVEL, STATUS_AFTER_TRIAGE } from './concern-vocabulary';
import { ConcernQuery, CreateConcernDto, TriageConcernDto, UpdateConcernDto } from './dto/concern.dto';
import { Alarm, Emergency, EmergencyAlarm } from './emergency-alarm';
import { readBasis } from './read-basis';
import { ConcernTimelineRepository, TimelineRow } from './timeline.repository';
import { timelineStepView } from './timeline-view';

type Action = 'update' | 'triage';

@Injectable()
export class ConcernsService {
  constructor(
    private readonly repository: ConcernsRepository,
    private readonly subjects: SubjectsService,
    private readonly alarm: EmergencyAlarm,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dispatch: NotificationDispatch,
    private readonly timelines: ConcernTimelineRepository,
  ) {}

  /**
   * Newest first, read rule by rule (each access rule's rows from its own index, a page at most).
   * Each row shown is audited, with the legal basis where only a share lets the caller see it (rule 4).
   */
  async list(actor: Actor, ability: AppAbility, query: ConcernQuery): Promise<Page<Concern>> {
    const { limit, cursor, sort } = query;
    const filter = { ...concernFilterFor(query, actor.id), limit, cursor, sort };
    return this.repository.transaction(async (manager) => {
      const page = await this.repository.page(manager, ability, filter);
      await this.audit.recordMany(
        manager,
        page.items.map((concern) => ({
          action: 'concern.list' as const,
          resourceId: concern.id,
          subjectId: concern.subjectId,
          outcome: 'allowed' as const,
          purpose: readBasis(ability, concern, actor.agencyId),
        })),
      );
      return page;
    });
  }

  /**
   * One concern, audited in the same transaction with the legal basis of the share it is read
   * through, if any; unknown and invisible both answer 404 (and the refusal is recorded where it is answered).
   */
  async read(actor: Actor, ability: AppAbility, id: string): Promise<Concern> {
    return this.repository.transaction(async (manager) => {
      const found = await this.findVisible(manager, ability, id);
      if (!found) throw new NotFoundError('concern');
      await this.audit.record(manager, {
        action: 'concern.read',
        resourceId: id,
        subjectId: found.subjectId,
        outcome: 'allowed',
        purpose: readBasis(ability, found, actor.agencyId),
      });
      return found;
    });
  }

  /**
   * A concern's timeline, read as the concern is (404 where it is not visible) and audited as a read
   * of it, in one transaction.
   */
  async timeline(actor: Actor, ability: AppAbility, id: string): Promise<{ concern: Concern; steps: TimelineRow[] }> {
    return this.repository.transaction(async (manager) => {
      const found = await this.findVisible(manager, ability, id);
      if (!found) throw new NotFoundError('concern');
      await this.audit.record(manager, {
        action: 'concern.read',
        resourceId: id,
        subjectId: found.subjectId,
        outcome: 'allowed',
        purpose: readBasis(ability, found, actor.agencyId),
        details: { view: 'timeline' },
      });
      return { concern: found, steps: await this.timelines.steps(manager, ability, id) };
    });
  }

  async create(
    actor: Actor,
    ability: AppAbility,
    input: CreateConcernDto,
  ): Promise<{ concern: Concern; emergency?: Emergency }> {
    if (Boolean(input.subjectId) === Boolean(input.subject)) {
      throw new InvalidInputError('Give either subjectId or subject, not both and not neither', [
        { field: 'subjectId', message: 'exactly one of subjectId and subject is required' },
      ]);
    }
    const classification = classificationFor(actor.agencyKind, input.classification);
    return this.repository
      .transaction(async (manager) => {
        const registered = input.subject && (await this.subjects.create(manager, actor, ability, input.subject));
        const subject = registered
          ? registered.subject
          : await this.subjectForNewConcern(manager, ability, input.subjectId!);
        const concern = await this.repository.insert(
          manager,
          {
            subjectId: subject.id,
            category: input.category,
            narrative: input.narrative,
            source: input.source,
            riskLevel: input.riskLevel,
            classification,
            owningAgencyId: actor.agencyId,
            reporterId: actor.id,
            districtId: subject.districtId,
          },
          subject,
        );
        const alarm =
          input.riskLevel === EMERGENCY_RISK_LEVEL ? await this.alarm.raise(manager, concern, actor.id) : undefined;
        const emergency = alarm && { police: alarm.police };
        // The new subject's event and the concern's, in one insert.
        await this.audit.recordMany(manager, [
          ...(registered ? [registered.auditEvent] : []),
          {
            action: 'concern.create',
            resourceId: concern.id,
            subjectId: subject.id,
            outcome: 'allowed',
            severity: emergency ? 'high' : 'info',
            details: { riskLevel: concern.riskLevel, classification },
          },
        ]);
        return { concern, emergency, alarm };
      })
      .then(async ({ alarm, ...created }) => {
        if (alarm?.notificationId) await this.dispatch.dispatch([alarm.notificationId]);
        return created;
      });
  }

  /**
   * Changes a concern at the version read. Raising it to immediate danger raises the alarm as
   * creating it there does, dispatched once committed, and answers what the reporter is told.
   */
  async update(
    actor: Actor,
    ability: AppAbility,
    id: string,
    input: UpdateConcernDto,
  ): Promise<{ concern: Concern; emergency?: Emergency }> {
    let alarm: Alarm | undefined;
    const concern = await this.changing(ability, id, 'update', async (manager, concern) => {
      const { version, ...changes } = input;
      // Rule 5 follows the concern's owner, not whoever edits it.
      if (changes.classification) classificationFor(concern.owningAgency!.kind, changes.classification);
      // A field sent as null is left as it is: every field of a concern is required.
      const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((key) => changes[key] != null);
      const current =
        changed.length === 0
          ? concern.version === version
          : await this.repository.updateAtVersion(
              manager,
              id,
              version,
              Object.fromEntries(changed.map((key) => [key, changes[key]])),
            );
      if (!current) throw await this.staleVersion(manager, ability, concern);
      if (changes.riskLevel === EMERGENCY_RISK_LEVEL && concern.riskLevel !== EMERGENCY_RISK_LEVEL) {
        alarm = await this.alarm.raise(manager, concern, actor.id);
      }
      await this.audit.record(manager, {
        action: 'concern.update',
        resourceId: id,
        subjectId: concern.subjectId,
        outcome: 'allowed',
        severity: alarm ? 'high' : 'info',
        details: { changed, ...(alarm ? { riskLevel: EMERGENCY_RISK_LEVEL } : {}) },
      });
      return (await this.findVisible(manager, ability, id))!;
    });
    // Not left to the reconcile sweep: the police hear of it now.
    if (alarm?.notificationId) await this.dispatch.dispatch([alarm.notificationId]);
    return { concern, emergency: alarm && { police: alarm.police } };
  }

  async triage(actor: Actor, ability: AppAbility, id: string, input: TriageConcernDto): Promise<Concern> {
    return this.changing(ability, id, 'triage', async (manager, concern) => {
      const recorded = await this.repository.recordTriage(manager, id, {
        status: STATUS_AFTER_TRIAGE[input.outcome],
        triageOutcome: input.outcome,
        triageNote: input.note,
        triagedById: actor.id,
        triagedAt: this.clock.now(),
      });
      if (!recorded) {
        throw new ConflictError(`The concern was already triaged (status ${concern.status})`, 'invalid-transition');
      }
      await this.audit.record(manager, {
        action: 'concern.triage',
        resourceId: id,
        subjectId: concern.subjectId,
        outcome: 'allowed',
        details: { outcome: input.outcome },
      });
      return (await this.findVisible(manager, ability, id))!;
    });
  }

  /** One concern the caller may see, with its current shares attached for the field checks; else null. */
  findVisible(manager: EntityManager, ability: AppAbility, id: string): Promise<Concern | null> {
    return this.repository.findVisible(manager, ability, id);
  }

  /**
   * Loads the concern through the caller's visibility (404), checks the action on it (403),
   * then runs `change` in the same transaction. A refusal is recorded where it is answered,
   * after the rollback.
   */
  /**
   * The answer to a change made at an old version: who changed the concern last, and when, as the reader's own
   * timeline shows it (a placeholder where that step is not theirs to see), so they know what to reload for.
   */
  private async staleVersion(manager: EntityManager, ability: AppAbility, concern: Concern): Promise<ConflictError> {
    const steps = await this.timelines.steps(manager, ability, concern.id);
    const error = new ConflictError('The concern changed since you read it; read it again', 'stale-version');
    const last = steps.at(-1);
    if (last) error.extensions.lastChange = timelineStepView(last, readableFields(ability, concern));
    return error;
  }

  private async changing(
    ability: AppAbility,
    id: string,
    action: Action,
    change: (manager: EntityManager, concern: Concern) => Promise<Concern>,
  ): Promise<Concern> {
    return this.repository.transaction(async (manager) => {
      const concern = await this.findVisible(manager, ability, id);
      if (!concern) throw new NotFoundError('concern');
      if (!ability.can(action, concernForChecks(concern))) {
        throw new ForbiddenActionError(`You may see this concern but not ${action} it`).refusing({
          subjectId: concern.subjectId,
        });
      }
      if (concern.subject) refuseIfAnonymised(concern.subject);
      return change(manager, concern);
    });
  }

  /** The subject a new concern names must be one the caller can identify: the answer will show who it is. */
  private async subjectForNewConcern(manager: EntityManager, ability: AppAbility, subjectId: string) {
    const found = await this.subjects.findVisible(manager, ability, subjectId);
    if (found?.identityVisible) {
      refuseIfAnonymised(found.subject, 'subjectId');
      return found.subject;
    }
    throw new NotFoundError('subject').refusing({ resourceType: 'subject', resourceId: subjectId });
  }
}
