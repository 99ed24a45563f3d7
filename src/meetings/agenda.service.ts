import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { agencyCoversSubjectSql } from '../access/shares';
import { subjectAccessSql } from '../access/subject-access';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Concern } from '../concerns/concern.entity';
import { ConcernsService } from '../concerns/concerns.service';
import { entityColumns } from '../database/entity-columns';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { ReferralsService } from '../referrals/referrals.service';
import { Subject } from '../subjects/subject.entity';
import { User } from '../users/user.entity';
import { AgendaGenerator } from './agenda-generator.service';
import { PdfReader } from './agenda-pdf';
import { AgendaItemFacts, liveFacts } from './agenda-facts';
import { agendaSections, Identity } from './agenda-view';
import { AddAgendaItemDto, AgendaDto, AgendaItemDto } from './dto/agenda.dto';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting } from './entities/meeting.entity';
import { hasStarted, meetingsQuery, meetingSubject, readableAgendaItemsQuery } from './meeting-access';

export type AgendaFormat = 'json' | 'pdf';

/** One item as the reader sees it, and (for the audit only) whom it is about. */
export type ItemView = AgendaItemDto & { subjectId: string | null };

/** An agenda as one reader may see it, with the meeting it belongs to. */
export interface ReaderAgenda {
  meeting: Meeting;
  agenda: AgendaDto;
  /** The reader's view of each item, by item id (the minutes refer to them). */
  itemViews: Map<string, ItemView>;
}

@Injectable()
export class AgendaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generator: AgendaGenerator,
    private readonly concerns: ConcernsService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The coordinator's "generate now"; refused once the meeting has started (the agenda is frozen). */
  async regenerate(actor: Actor, ability: AppAbility, meetingId: string): Promise<ReaderAgenda> {
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.editable(manager, ability, meetingId);
      await this.generator.generate(manager, meeting);
    });
    return this.read(actor, ability, meetingId, 'json');
  }

  async addItem(actor: Actor, ability: AppAbility, meetingId: string, input: AddAgendaItemDto): Promise<ReaderAgenda> {
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.editable(manager, ability, meetingId);
      const theCase = await this.caseOfItem(manager, ability, meeting, input);
      const now = this.clock.now();
      const item = await manager.save(
        manager.create(AgendaItem, {
          meetingId,
          section: 'other',
          source: 'manual',
          title: input.title,
          concernId: theCase.concernId,
          referralId: theCase.referralId,
          followUpId: null,
          riskLevel: theCase.riskLevel,
          openedAt: theCase.openedAt ?? now,
          handPosition: input.position ?? null,
          handMovedAt: input.position ? now : null,
          position: 0,
          snapshot: null,
          createdById: actor.id,
        }),
      );
      await this.generator.relayout(manager, meetingId);
      await this.audit.record(manager, {
        action: 'meeting.agenda_item_added',
        resourceType: 'Meeting',
        resourceId: meetingId,
        subjectId: theCase.subjectId,
        outcome: 'allowed',
        details: { itemId: item.id, position: input.position ?? null },
      });
    });
    return this.read(actor, ability, meetingId, 'json');
  }

  /** Puts an item at a place in its section; the place holds when the agenda is regenerated. */
  async moveItem(
    actor: Actor,
    ability: AppAbility,
    meetingId: string,
    itemId: string,
    position: number,
  ): Promise<ReaderAgenda> {
    await this.dataSource.transaction(async (manager) => {
      await this.editable(manager, ability, meetingId);
      const moved = await manager.update(
        AgendaItem,
        { id: itemId, meetingId },
        { handPosition: position, handMovedAt: this.clock.now() },
      );
      if (moved.affected !== 1) throw new NotFoundError('agenda item');
      await this.generator.relayout(manager, meetingId);
      await this.audit.record(manager, {
        action: 'meeting.agenda_item_moved',
        resourceType: 'Meeting',
        resourceId: meetingId,
        outcome: 'allowed',
        details: { itemId, position },
      });
    });
    return this.read(actor, ability, meetingId, 'json');
  }

  /**
   * The agenda for this reader, audited: one event for the meeting and one per subject shown,
   * saying whether the reader saw who it is. A meeting that has started is frozen first.
   */
  read(actor: Actor, ability: AppAbility, meetingId: string, format: AgendaFormat): Promise<ReaderAgenda> {
    const action = format === 'pdf' ? 'meeting.agenda_exported' : 'meeting.agenda_viewed';
    return this.audit.refusalsRecorded(action, 'Meeting', meetingId, () =>
      this.dataSource.transaction(async (manager) => {
        const meeting = await this.visible(manager, ability, meetingId);
        if (!meeting.agendaFrozenAt && hasStarted(meeting, this.clock.now())) {
          const locked = (await this.generator.lock(manager, meetingId))!;
          await this.generator.freeze(manager, locked);
          meeting.agendaFrozenAt = locked.agendaFrozenAt;
          meeting.agendaGeneratedAt = locked.agendaGeneratedAt;
        }
        const result = await this.forReader(manager, actor, ability, meeting);
        const shown = new Map<string, boolean>();
        for (const item of result.itemViews.values()) if (item.subjectId) shown.set(item.subjectId, item.identified);
        await this.audit.recordMany(manager, [
          {
            action,
            resourceType: 'Meeting',
            resourceId: meetingId,
            outcome: 'allowed',
            details: { items: result.itemViews.size, subjects: shown.size },
          },
          ...[...shown].map(([subjectId, identified]) => ({
            action,
            resourceType: 'Subject',
            resourceId: subjectId,
            subjectId,
            outcome: 'allowed' as const,
            details: { meetingId, view: identified ? 'identity' : 'pseudonym' },
          })),
        ]);
        return { meeting, agenda: result.agenda, itemViews: result.itemViews };
      }),
    );
  }

  /**
   * The items of the meeting this reader may see, decided in one query: an item about a case
   * only where they may know the case exists; the others are not loaded at all.
   */
  readableItems(manager: EntityManager, actor: Actor, ability: AppAbility, meetingId: string): Promise<AgendaItem[]> {
    return readableAgendaItemsQuery(this.dataSource, manager, actor, ability, meetingId, this.clock.now()).getMany();
  }

  /** The reader's view of the items they may see: live facts before the start, the snapshot after. */
  async forReader(
    manager: EntityManager,
    actor: Actor,
    ability: AppAbility,
    meeting: Meeting,
  ): Promise<Omit<ReaderAgenda, 'meeting'>> {
    const items = await this.readableItems(manager, actor, ability, meeting.id);
    const live = meeting.agendaFrozenAt
      ? new Map<string, AgendaItemFacts>()
      : await liveFacts(
          manager,
          items.map((item) => item.id),
        );
    const factsOf = (item: AgendaItem) => (meeting.agendaFrozenAt ? (item.snapshot ?? undefined) : live.get(item.id));
    const subjectIds = [...new Set(items.map((item) => factsOf(item)?.subjectId).filter((id): id is string => !!id))];
    const identities = await this.identities(manager, actor, ability, subjectIds);
    const sections = agendaSections(items, factsOf, identities);
    const itemViews = new Map(
      sections.flatMap((section) =>
        section.items.map((view) => {
          const item = items.find((candidate) => candidate.id === view.id)!;
          return [view.id, { ...view, subjectId: factsOf(item)?.subjectId ?? null }] as const;
        }),
      ),
    );
    return {
      agenda: {
        meetingId: meeting.id,
        generatedAt: meeting.agendaGeneratedAt?.toISOString() ?? null,
        frozenAt: meeting.agendaFrozenAt?.toISOString() ?? null,
        sections,
      },
      itemViews,
    };
  }

  /**
   * The subjects whose identity this reader may see, decided in SQL: by the reader's own rights
   * (DESIGN rules 2–4), or because their agency has a basis (rule 6).
   */
  private async identities(
    manager: EntityManager,
    actor: Actor,
    ability: AppAbility,
    subjectIds: string[],
  ): Promise<Map<string, Identity>> {
    if (subjectIds.length === 0) return new Map();
    const now = this.clock.now();
    const access = subjectAccessSql(
      ability,
      'subject',
      { subject: entityColumns(this.dataSource, Subject), concern: entityColumns(this.dataSource, Concern) },
      now,
    );
    const rows = await manager
      .getRepository(Subject)
      .createQueryBuilder('subject')
      .where('subject.id IN (:...subjectIds)', { subjectIds })
      .andWhere(`(${access.identity.sql} OR ${agencyCoversSubjectSql('subject', ':readerAgency', ':readerNow')})`, {
        ...access.identity.params,
        readerAgency: actor.agencyId,
        readerNow: now,
      })
      .getMany();
    return new Map(
      rows.map((subject) => [subject.id, { fullName: subject.fullName, dateOfBirth: subject.dateOfBirth }]),
    );
  }

  /** Whom a printed copy is for: its footer names them. */
  async reader(actor: Actor): Promise<PdfReader> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneOrFail({ where: { id: actor.id }, relations: { agency: true } });
    return { name: user.name, agencyName: user.agency!.name };
  }

  async visible(manager: EntityManager, ability: AppAbility, meetingId: string): Promise<Meeting> {
    const meeting = await meetingsQuery(this.dataSource, manager, ability)
      .andWhere('meeting.id = :meetingId', { meetingId })
      .getOne();
    if (!meeting) throw new NotFoundError('meeting');
    return meeting;
  }

  /** The meeting locked for an agenda change: the coordinator's, and not yet started. */
  private async editable(manager: EntityManager, ability: AppAbility, meetingId: string): Promise<Meeting> {
    const visible = await this.visible(manager, ability, meetingId);
    if (!ability.can('update', meetingSubject(visible)))
      throw new ForbiddenActionError('Only the district’s coordinators prepare the agenda');
    const meeting = (await this.generator.lock(manager, meetingId))!;
    if (meeting.agendaFrozenAt || hasStarted(meeting, this.clock.now()))
      throw new ConflictError('The meeting has started; its agenda is frozen', 'agenda-frozen');
    return meeting;
  }

  /** The case a hand-added item is about: one the coordinator may see, of the meeting's district. */
  private async caseOfItem(manager: EntityManager, ability: AppAbility, meeting: Meeting, input: AddAgendaItemDto) {
    if (input.concernId && input.referralId) {
      throw new BusinessRuleError('An item is about a concern or a referral, not both', 'invalid-agenda-item', [
        { field: 'referralId', message: 'give concernId or referralId, not both' },
      ]);
    }
    const none = { concernId: null, referralId: null, subjectId: null, riskLevel: null, openedAt: null };
    if (input.concernId) {
      const concern = await this.concerns.findVisible(manager, ability, input.concernId);
      if (!concern || concern.districtId !== meeting.districtId) throw this.notOfDistrict('concernId');
      return {
        ...none,
        concernId: concern.id,
        subjectId: concern.subjectId,
        riskLevel: concern.riskLevel,
        openedAt: concern.createdAt,
      };
    }
    if (input.referralId) {
      const referral = await this.referrals
        .visibleQuery(manager, ability)
        .innerJoinAndSelect('referral.concern', 'itemConcern')
        .andWhere('referral.id = :referralId', { referralId: input.referralId })
        .getOne();
      if (!referral || referral.districtId !== meeting.districtId) throw this.notOfDistrict('referralId');
      return {
        ...none,
        referralId: referral.id,
        subjectId: referral.subjectId,
        riskLevel: referral.concern!.riskLevel,
        openedAt: referral.concern!.createdAt,
      };
    }
    return none;
  }

  private notOfDistrict(field: string) {
    return new BusinessRuleError('The agenda item cannot be added', 'invalid-agenda-item', [
      { field, message: 'no record of this meeting’s district that you may see' },
    ]);
  }
}
