import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { ConcernsService } from '../concerns/concerns.service';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { ReferralsService } from '../referrals/referrals.service';
import { UsersRepository } from '../users/users.repository';
import { AgendaGenerator } from './agenda-generator.service';
import { AgendaItemFacts } from './agenda-facts';
import { AgendaRepository } from './agenda.repository';
import { PrintableAgenda, printableAgenda, ReaderAgenda, subjectsShown } from './agenda-view';
import { AddAgendaItemDto } from './dto/agenda.dto';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting } from './entities/meeting.entity';
import { hasStarted, meetingSubject } from './meeting-access';
import { MeetingsRepository } from './meetings.repository';

@Injectable()
export class AgendaService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly items: AgendaRepository,
    private readonly users: UsersRepository,
    private readonly generator: AgendaGenerator,
    private readonly concerns: ConcernsService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The coordinator's "generate now"; refused once the meeting has started (the agenda is frozen). */
  async regenerate(actor: Actor, ability: AppAbility, meetingId: string): Promise<ReaderAgenda> {
    await this.meetings.transaction(async (manager) => {
      const meeting = await this.editable(manager, ability, meetingId);
      await this.generator.generate(manager, meeting);
    });
    return this.read(actor, ability, meetingId);
  }

  async addItem(actor: Actor, ability: AppAbility, meetingId: string, input: AddAgendaItemDto): Promise<ReaderAgenda> {
    await this.meetings.transaction(async (manager) => {
      const meeting = await this.editable(manager, ability, meetingId);
      const theCase = await this.caseOfItem(manager, ability, meeting, input);
      const now = this.clock.now();
      const [itemId] = await this.items.insert(manager, [
        {
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
        },
      ]);
      await this.generator.relayout(manager, meetingId);
      await this.audit.record(manager, {
        action: 'agenda.add_item',
        resourceId: meetingId,
        subjectId: theCase.subjectId,
        outcome: 'allowed',
        details: { itemId, position: input.position ?? null },
      });
    });
    return this.read(actor, ability, meetingId);
  }

  /** Puts an item at a place in its section; the place holds when the agenda is regenerated. */
  async moveItem(
    actor: Actor,
    ability: AppAbility,
    meetingId: string,
    itemId: string,
    position: number,
  ): Promise<ReaderAgenda> {
    await this.meetings.transaction(async (manager) => {
      await this.editable(manager, ability, meetingId);
      if (!(await this.items.placeByHand(manager, meetingId, itemId, position, this.clock.now())))
        throw new NotFoundError('agenda item');
      await this.generator.relayout(manager, meetingId);
      await this.audit.record(manager, {
        action: 'agenda.move_item',
        resourceId: meetingId,
        outcome: 'allowed',
        details: { itemId, position },
      });
    });
    return this.read(actor, ability, meetingId);
  }

  /** The agenda for this reader, audited as viewed. */
  read(actor: Actor, ability: AppAbility, meetingId: string): Promise<ReaderAgenda> {
    return this.meetings.transaction((manager) => this.audited(manager, actor, ability, meetingId, 'agenda.read'));
  }

  /**
   * The reader's printed copy: their agenda, audited as exported, with whom and when it is printed
   * for, read in the transaction of its audit.
   */
  printable(actor: Actor, ability: AppAbility, meetingId: string): Promise<PrintableAgenda> {
    return this.meetings.transaction(async (manager) => {
      const agenda = await this.audited(manager, actor, ability, meetingId, 'agenda.export');
      const reader = (await this.users.findProfile(manager, ability, actor.id))!;
      return printableAgenda(agenda, reader, this.clock.now());
    });
  }

  /**
   * The agenda for this reader, audited: one event for the meeting and one per subject shown,
   * saying whether the reader saw who it is. A meeting that has started is frozen first.
   */
  private async audited(
    manager: EntityManager,
    actor: Actor,
    ability: AppAbility,
    meetingId: string,
    action: 'agenda.read' | 'agenda.export',
  ): Promise<ReaderAgenda> {
    const meeting = await this.visible(manager, ability, meetingId);
    if (!meeting.agendaFrozenAt && hasStarted(meeting, this.clock.now())) {
      const locked = (await this.generator.lock(manager, meetingId))!;
      await this.generator.freeze(manager, locked);
      meeting.agendaFrozenAt = locked.agendaFrozenAt;
      meeting.agendaGeneratedAt = locked.agendaGeneratedAt;
    }
    const agenda = await this.forReader(manager, actor, ability, meeting);
    const shown = subjectsShown(agenda, agenda.items);
    await this.audit.recordMany(manager, [
      {
        action,
        resourceId: meetingId,
        outcome: 'allowed',
        details: { items: agenda.items.length, subjects: shown.size },
      },
      ...[...shown].map(([subjectId, identified]) => ({
        action,
        resourceType: 'subject' as const,
        resourceId: subjectId,
        subjectId,
        outcome: 'allowed' as const,
        details: { meetingId, view: identified ? 'identity' : 'pseudonym' },
      })),
    ]);
    return agenda;
  }

  /**
   * The items of the meeting this reader may see, decided in one query: an item about a case
   * only where they may know the case exists; the others are not loaded at all.
   */
  readableItems(manager: EntityManager, actor: Actor, ability: AppAbility, meetingId: string): Promise<AgendaItem[]> {
    return this.items.readable(manager, ability, actor.agencyId, meetingId, this.clock.now());
  }

  /** The reader's agenda: the items they may see, live facts before the start, the snapshot after. */
  async forReader(
    manager: EntityManager,
    actor: Actor,
    ability: AppAbility,
    meeting: Meeting,
    now = this.clock.now(),
  ): Promise<ReaderAgenda> {
    const items = await this.items.readable(manager, ability, actor.agencyId, meeting.id, now);
    const facts = meeting.agendaFrozenAt
      ? new Map(items.flatMap((item) => (item.snapshot ? [[item.id, item.snapshot] as [string, AgendaItemFacts]] : [])))
      : await this.items.facts(
          manager,
          items.map((item) => item.id),
        );
    const subjectIds = [
      ...new Set(items.map((item) => facts.get(item.id)?.subjectId).filter((id): id is string => !!id)),
    ];
    const identities = await this.items.identities(manager, ability, actor.agencyId, subjectIds, now);
    return { meeting, items, facts, identities };
  }

  async visible(manager: EntityManager, ability: AppAbility, meetingId: string): Promise<Meeting> {
    const meeting = await this.meetings.findVisible(manager, ability, meetingId);
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
      const referral = await this.referrals.findVisible(manager, ability, input.referralId);
      if (!referral || referral.districtId !== meeting.districtId) throw this.notOfDistrict('referralId');
      const theCase = (await this.items.caseOrder(manager, referral.concernId))!;
      return {
        ...none,
        referralId: referral.id,
        subjectId: referral.subjectId,
        riskLevel: theCase.riskLevel,
        openedAt: theCase.openedAt,
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
