import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessBranches, accessSql } from '../access/access-sql';
import { concernShareBranches, concernShareFields, concernSharesSql, sharesMatterTo } from '../access/shares';
import { Actor } from '../access/actor';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { isIsoTime, Page, paginateBranches } from '../database/pagination';
import {
  ConflictError,
  DomainError,
  ForbiddenActionError,
  InvalidInputError,
  NotFoundError,
} from '../http/domain-errors';
import { NotificationDispatch } from '../notifications/notification-dispatch.service';
import { SubjectsService } from '../subjects/subjects.service';
import { classificationFor } from './classification';
import { Concern } from './concern.entity';
import { STATUS_AFTER_TRIAGE } from './concern-vocabulary';
import { ConcernQuery, CreateConcernDto, EmergencyDto, TriageConcernDto, UpdateConcernDto } from './dto/concern.dto';
import { Alarm, EmergencyAlarm } from './emergency-alarm';
import { readBasis } from './read-basis';

type Action = 'update' | 'triage';

@Injectable()
export class ConcernsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: SubjectsService,
    private readonly alarm: EmergencyAlarm,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dispatch: NotificationDispatch,
  ) {}

  /**
   * The concerns the caller may see, as a query: the CASL rules become its WHERE, so a row
   * the caller may not see is never loaded. Subject, owning agency and reporter are joined.
   */
  visibleQuery(manager: EntityManager, ability: AppAbility): SelectQueryBuilder<Concern> {
    const access = accessSql(ability, 'read', 'Concern', this.accessTarget());
    return this.withRelations(manager).where(access.sql, access.params);
  }

  private accessTarget() {
    return {
      alias: 'concern',
      columns: { ...entityColumns(this.dataSource, Concern), ...concernShareFields('concern', this.clock.now()) },
    };
  }

  /**
   * Subject, owning agency and reporter, each many-to-one: one row per concern. Of the reporter,
   * only who to contact: never their password hash or second factor.
   */
  private withRelations(manager: EntityManager): SelectQueryBuilder<Concern> {
    return manager
      .getRepository(Concern)
      .createQueryBuilder('concern')
      .innerJoinAndSelect('concern.subject', 'subject')
      .innerJoinAndSelect('concern.owningAgency', 'owningAgency')
      .innerJoin('concern.reporter', 'reporter')
      .addSelect(['reporter.id', 'reporter.name', 'reporter.email'])
      .innerJoin('reporter.agency', 'reporterAgency')
      .addSelect(['reporterAgency.id', 'reporterAgency.name']);
  }

  /**
   * Newest first, read rule by rule (each access rule's rows from its own index, a page at most).
   * Each row shown is audited, with the legal basis where only a share lets the caller see it (rule 4).
   */
  async list(actor: Actor, ability: AppAbility, filter: ConcernQuery): Promise<Page<Concern>> {
    return this.dataSource.transaction(async (manager) => {
      const filtered = () => {
        const query = manager.getRepository(Concern).createQueryBuilder('concern');
        if (filter.status) query.andWhere('concern.status = :status', { status: filter.status });
        if (filter.districtId) query.andWhere('concern.districtId = :districtId', { districtId: filter.districtId });
        if (filter.category) query.andWhere('concern.category = :category', { category: filter.category });
        if (filter.riskLevel) query.andWhere('concern.riskLevel = :riskLevel', { riskLevel: filter.riskLevel });
        if (filter.subjectId) query.andWhere('concern.subjectId = :subjectId', { subjectId: filter.subjectId });
        return query;
      };
      const access = accessBranches(ability, 'read', 'Concern', {
        ...this.accessTarget(),
        branches: concernShareBranches('concern', this.clock.now()),
      });
      const page = await paginateBranches(this.withRelations(manager), { branch: filtered, access }, filter, {
        column: 'createdAt',
        direction: 'DESC',
        keyOf: (concern) => concern.createdAt.toISOString(),
        keyIsValid: isIsoTime,
      });
      await this.attachShares(manager, ability, page.items);
      await this.audit.recordMany(
        manager,
        page.items.map((concern) => ({
          ...this.readEvent('concern.listed', concern.id, concern.subjectId, 'allowed'),
          purpose: readBasis(ability, concern, actor.agencyId),
        })),
      );
      return page;
    });
  }

  /**
   * One concern, audited in the same transaction with the legal basis of the share it is read
   * through, if any; unknown and invisible both answer 404 (and the refusal is logged).
   */
  async read(actor: Actor, ability: AppAbility, id: string): Promise<Concern> {
    const concern = await this.dataSource.transaction(async (manager) => {
      const found = await this.findVisible(manager, ability, id);
      await this.audit.record(manager, {
        ...this.readEvent('concern.read', id, found?.subjectId ?? null, found ? 'allowed' : 'denied'),
        purpose: found ? readBasis(ability, found, actor.agencyId) : null,
      });
      return found;
    });
    if (!concern) throw new NotFoundError('concern');
    return concern;
  }

  async create(
    actor: Actor,
    ability: AppAbility,
    input: CreateConcernDto,
  ): Promise<{ concern: Concern; emergency?: EmergencyDto }> {
    if (Boolean(input.subjectId) === Boolean(input.subject)) {
      throw new InvalidInputError('Give either subjectId or subject, not both and not neither', [
        { field: 'subjectId', message: 'exactly one of subjectId and subject is required' },
      ]);
    }
    const classification = classificationFor(actor.agencyKind, input.classification);
    const existing = input.subjectId ? await this.subjectForNewConcern(ability, input.subjectId) : undefined;
    return this.dataSource
      .transaction(async (manager) => {
        const subject = existing ?? (await this.subjects.create(manager, actor, ability, input.subject!)).subject;
        const inserted = await manager.save(
          manager.create(Concern, {
            subjectId: subject.id,
            category: input.category,
            narrative: input.narrative,
            source: input.source,
            riskLevel: input.riskLevel,
            classification,
            owningAgencyId: actor.agencyId,
            reporterId: actor.id,
            districtId: subject.districtId,
            status: 'new',
            triageOutcome: null,
            triageNote: null,
            triagedById: null,
            triagedAt: null,
          }),
        );
        const alarm =
          input.riskLevel === 'immediate_danger' ? await this.alarm.raise(manager, inserted, actor.id) : undefined;
        const emergency = alarm?.advice;
        await this.audit.record(manager, {
          action: 'concern.created',
          resourceType: 'Concern',
          resourceId: inserted.id,
          subjectId: subject.id,
          outcome: 'allowed',
          severity: emergency ? 'high' : 'info',
          details: { riskLevel: inserted.riskLevel, classification },
        });
        return { concern: await this.created(manager, ability, inserted.id), emergency, alarm };
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
  ): Promise<{ concern: Concern; emergency?: EmergencyDto }> {
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
          : (
              await manager
                .createQueryBuilder()
                .update(Concern)
                .set(Object.fromEntries(changed.map((key) => [key, changes[key]])))
                .where('id = :id AND version = :version', { id, version })
                .execute()
            ).affected === 1;
      if (!current) throw new ConflictError('The concern changed since you read it; read it again', 'stale-version');
      if (changes.riskLevel === 'immediate_danger' && concern.riskLevel !== 'immediate_danger') {
        alarm = await this.alarm.raise(manager, concern, actor.id);
      }
      await this.audit.record(manager, {
        action: 'concern.updated',
        resourceType: 'Concern',
        resourceId: id,
        subjectId: concern.subjectId,
        outcome: 'allowed',
        severity: alarm ? 'high' : 'info',
        details: { changed, ...(alarm ? { riskLevel: 'immediate_danger' } : {}) },
      });
      return (await this.findVisible(manager, ability, id))!;
    });
    // Not left to the reconcile sweep: the police hear of it now.
    if (alarm?.notificationId) await this.dispatch.dispatch([alarm.notificationId]);
    return { concern, emergency: alarm?.advice };
  }

  async triage(actor: Actor, ability: AppAbility, id: string, input: TriageConcernDto): Promise<Concern> {
    return this.changing(ability, id, 'triage', async (manager, concern) => {
      const result = await manager
        .createQueryBuilder()
        .update(Concern)
        .set({
          status: STATUS_AFTER_TRIAGE[input.outcome],
          triageOutcome: input.outcome,
          triageNote: input.note,
          triagedById: actor.id,
          triagedAt: this.clock.now(),
        })
        .where("id = :id AND status = 'new'", { id })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictError(`The concern was already triaged (status ${concern.status})`, 'invalid-transition');
      }
      await this.audit.record(manager, {
        action: 'concern.triaged',
        resourceType: 'Concern',
        resourceId: id,
        subjectId: concern.subjectId,
        outcome: 'allowed',
        details: { outcome: input.outcome },
      });
      return (await this.findVisible(manager, ability, id))!;
    });
  }

  /** One concern the caller may see, with its current shares attached for the field checks; else null. */
  async findVisible(manager: EntityManager, ability: AppAbility, id: string): Promise<Concern | null> {
    const concern = await this.visibleQuery(manager, ability).andWhere('concern.id = :id', { id }).getOne();
    if (concern) await this.attachShares(manager, ability, [concern]);
    return concern;
  }

  /**
   * A concern just logged, as its reporter sees it: nothing shares it with them (an emergency
   * share goes to the police, who see their own concerns in full anyway), so no shares are read.
   */
  private async created(manager: EntityManager, ability: AppAbility, id: string): Promise<Concern> {
    const concern = (await this.visibleQuery(manager, ability).andWhere('concern.id = :id', { id }).getOne())!;
    return Object.assign(concern, { sharedWith: [], shareBases: {}, vitalInterest: false });
  }

  /**
   * The shares in force of each concern, for the field checks and the basis of a read: vital interest
   * from the concern itself; the agencies it is shared with in one query for all, and only for a caller
   * whose rules turn on them.
   */
  private async attachShares(manager: EntityManager, ability: AppAbility, concerns: Concern[]): Promise<void> {
    for (const concern of concerns) {
      // Rule 5's exception is for police notes only (as in the SQL of concernShareFields).
      concern.vitalInterest = concern.referredOnVitalInterest && concern.owningAgency?.kind === 'police';
      concern.sharedWith = [];
      concern.shareBases = {};
    }
    if (concerns.length === 0 || !sharesMatterTo(ability)) return;
    const rows: { concern_id: string; agency_id: string; basis: string }[] = await manager.query(
      concernSharesSql('$2'),
      [concerns.map((concern) => concern.id), this.clock.now()],
    );
    const byId = new Map(concerns.map((concern) => [concern.id, concern]));
    // Oldest first: the first share to an agency is the basis its reads are recorded under.
    for (const row of rows) {
      const concern = byId.get(row.concern_id)!;
      if (!concern.sharedWith!.includes(row.agency_id)) concern.sharedWith!.push(row.agency_id);
      concern.shareBases![row.agency_id] ??= row.basis;
    }
  }

  /**
   * Loads the concern through the caller's visibility (404), checks the action on it (403),
   * then runs `change` in the same transaction. A refusal is audited after the rollback,
   * on a connection of its own only once this one is returned.
   */
  private async changing(
    ability: AppAbility,
    id: string,
    action: Action,
    change: (manager: EntityManager, concern: Concern) => Promise<Concern>,
  ): Promise<Concern> {
    type Outcome = { changed: Concern } | { refused: DomainError; subjectId: string | null };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const concern = await this.findVisible(manager, ability, id);
      if (!concern) return { refused: new NotFoundError('concern'), subjectId: null };
      if (!ability.can(action, asSubject('Concern', { ...concern }))) {
        return {
          refused: new ForbiddenActionError(`You may see this concern but not ${action} it`),
          subjectId: concern.subjectId,
        };
      }
      return { changed: await change(manager, concern) };
    });
    if ('changed' in outcome) return outcome.changed;
    await this.audit.record(
      this.dataSource.manager,
      this.readEvent(`concern.${action}`, id, outcome.subjectId, 'denied'),
    );
    throw outcome.refused;
  }

  /** The subject a new concern names must be one the caller can identify: the answer will show who it is. */
  private async subjectForNewConcern(ability: AppAbility, subjectId: string) {
    const found = await this.subjects.findVisible(this.dataSource.manager, ability, subjectId);
    if (found?.identityVisible) return found.subject;
    await this.audit.record(this.dataSource.manager, {
      action: 'concern.create',
      resourceType: 'Subject',
      resourceId: subjectId,
      outcome: 'denied',
    });
    throw new NotFoundError('subject');
  }

  private readEvent(action: string, id: string, subjectId: string | null, outcome: 'allowed' | 'denied'): AuditRecord {
    return { action, resourceType: 'Concern', resourceId: id, subjectId, outcome };
  }
}
