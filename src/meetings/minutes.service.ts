import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { FollowUpDraft, FollowUpFactory } from '../follow-ups/follow-up-factory.service';
import { isUniqueViolation } from '../database/postgres-errors';
import { BusinessRuleError, ConflictError, FieldProblem, ForbiddenActionError } from '../http/domain-errors';
import { AgendaGenerator } from './agenda-generator.service';
import { subjectsShown } from './agenda-view';
import { AgendaService } from './agenda.service';
import { RecordMinutesDto } from './dto/minutes.dto';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting } from './entities/meeting.entity';
import { hasStarted, meetingSubject } from './meeting-access';
import { MeetingsRepository } from './meetings.repository';
import { MinutesRepository } from './minutes.repository';
import { ReaderMinutes } from './minutes-view';

/** The indexes behind "a decision is recorded once" (migration OneDecisionPerAgendaItem). */
const ONE_DECISION_INDEXES = ['uq_meeting_minutes_agenda_item', 'uq_meeting_minutes_other_business'];

/**
 * A decision the meeting has already recorded: on that agenda item, or the same words on no item.
 * When two participants record at once, the first to commit is the meeting's; the other is told (409).
 */
export class DecisionAlreadyRecordedError extends ConflictError {
  constructor(readonly errors: FieldProblem[] = []) {
    super('These minutes record a decision the meeting already has; nothing was saved', 'decision-already-recorded');
  }
}

@Injectable()
export class MinutesService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly minutes: MinutesRepository,
    private readonly agendas: AgendaService,
    private readonly generator: AgendaGenerator,
    private readonly followUps: FollowUpFactory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records decisions once the meeting has started; every action item becomes its owner's
   * follow-up in the same transaction, and is put on the queue after it commits. Each agenda item
   * is decided once, and the same words on no item are recorded once: recorders wait for each other
   * on the meeting's row, and the later one finds the decision there (the indexes catch the rest).
   */
  async record(actor: Actor, ability: AppAbility, meetingId: string, input: RecordMinutesDto): Promise<ReaderMinutes> {
    const created = await this.recordOnce(actor, ability, meetingId, input);
    await this.followUps.enqueue(created);
    return this.read(actor, ability, meetingId);
  }

  private recordOnce(actor: Actor, ability: AppAbility, meetingId: string, input: RecordMinutesDto) {
    return this.meetings
      .transaction(async (manager) => {
        const meeting = await this.agendas.visible(manager, ability, meetingId);
        if (!ability.can('minute', meetingSubject(meeting)))
          throw new ForbiddenActionError('Only the coordinators and the forum’s members record minutes');
        const now = this.clock.now();
        if (!hasStarted(meeting, now))
          throw new ConflictError('Minutes are recorded once the meeting has started', 'meeting-not-started');
        const locked = (await this.generator.lock(manager, meetingId))!;
        await this.generator.freeze(manager, locked);
        // The recorder decides on the items of their own agenda: any other is, for them, no item of this meeting.
        const items = await this.agendas.readableItems(manager, actor, ability, meetingId);
        await this.check(manager, meeting, items, input, now);
        await this.notYetDecided(manager, meetingId, input);
        const actions: FollowUpDraft[] = [];
        for (const [position, entry] of input.items.entries()) {
          const item = items.find((candidate) => candidate.id === entry.agendaItemId);
          const minute = await this.minutes.insert(manager, {
            meetingId,
            agendaItemId: item?.id ?? null,
            decision: entry.decision,
            position,
            recordedById: actor.id,
          });
          for (const [index, action] of entry.actions.entries()) {
            actions.push({
              kind: 'action_item',
              referralId: item?.referralId ?? item?.snapshot?.referral?.id ?? null,
              minuteId: minute.id,
              ownerId: action.ownerId,
              createdById: actor.id,
              districtId: meeting.districtId,
              text: action.text,
              due: { at: new Date(action.dueAt) },
              dueField: `items[${position}].actions[${index}].dueAt`,
              details: { meetingId },
            });
          }
        }
        // Every action item is its owner's follow-up, made and audited (`follow_up.create`) here.
        const followUps = await this.followUps.create(manager, actions);
        if (input.attendeeIds) {
          await this.meetings.recordAttendance(manager, meetingId, input.attendeeIds);
        }
        await this.audit.recordMany(manager, [
          {
            action: 'minutes.record',
            resourceId: meetingId,
            outcome: 'allowed',
            details: { decisions: input.items.length, actions: followUps.length, attendance: !!input.attendeeIds },
          },
        ]);
        return followUps;
      })
      .catch((error: unknown) => {
        if (ONE_DECISION_INDEXES.some((index) => isUniqueViolation(error, index)))
          throw new DecisionAlreadyRecordedError();
        throw error;
      });
  }

  /**
   * The minutes for this reader: the decisions on no item, and those on the items of their agenda,
   * each item redacted as there. Audited.
   */
  read(actor: Actor, ability: AppAbility, meetingId: string): Promise<ReaderMinutes> {
    return this.meetings.transaction(async (manager) => {
      const now = this.clock.now();
      const meeting = await this.agendas.visible(manager, ability, meetingId);
      const agenda = await this.agendas.forReader(manager, actor, ability, meeting, now);
      // A decision on an item absent from the reader's agenda is absent too, with its action items.
      const minutes = await this.minutes.readable(manager, ability, actor.agencyId, meetingId, now);
      const decided = new Set(minutes.map(({ minute }) => minute.agendaItemId));
      const subjects = subjectsShown(
        agenda,
        agenda.items.filter((item) => decided.has(item.id)),
      );
      await this.audit.recordMany(manager, [
        { action: 'minutes.read', resourceId: meetingId, outcome: 'allowed' },
        ...[...subjects].map(([subjectId, identified]) => ({
          action: 'minutes.read' as const,
          resourceType: 'subject' as const,
          resourceId: subjectId,
          subjectId,
          outcome: 'allowed' as const,
          details: { meetingId, view: identified ? 'identity' : 'pseudonym' },
        })),
      ]);
      return { agenda, minutes };
    });
  }

  /** Everything that would make the minutes wrong, reported together (422). */
  private async check(
    manager: EntityManager,
    meeting: Meeting,
    items: AgendaItem[],
    input: RecordMinutesDto,
    now: Date,
  ): Promise<void> {
    const participants = new Set((meeting.participants ?? []).map((participant) => participant.userId));
    const ownerIds = [...new Set(input.items.flatMap((entry) => entry.actions.map((action) => action.ownerId)))];
    const coordinators = await this.minutes.districtCoordinators(manager, ownerIds, meeting.districtId);
    const mayOwn = new Set([...participants, ...coordinators]);
    const problems: FieldProblem[] = [];
    input.items.forEach((entry, index) => {
      if (entry.agendaItemId && !items.some((item) => item.id === entry.agendaItemId))
        problems.push({ field: `items[${index}].agendaItemId`, message: 'not an item of this meeting’s agenda' });
      const earlier = input.items.slice(0, index);
      if (entry.agendaItemId && earlier.some((other) => other.agendaItemId === entry.agendaItemId))
        problems.push({ field: `items[${index}].agendaItemId`, message: 'decided twice in these minutes' });
      if (!entry.agendaItemId && earlier.some((other) => !other.agendaItemId && other.decision === entry.decision))
        problems.push({ field: `items[${index}].decision`, message: 'the same decision twice in these minutes' });
      entry.actions.forEach((action, actionIndex) => {
        const field = `items[${index}].actions[${actionIndex}]`;
        if (!mayOwn.has(action.ownerId))
          problems.push({
            field: `${field}.ownerId`,
            message: 'must be a participant or a coordinator of the district',
          });
        if (new Date(action.dueAt).getTime() <= now.getTime())
          problems.push({ field: `${field}.dueAt`, message: 'must be in the future' });
      });
    });
    (input.attendeeIds ?? []).forEach((id, index) => {
      if (!participants.has(id))
        problems.push({ field: `attendeeIds[${index}]`, message: 'not a participant of the meeting' });
    });
    if (problems.length > 0) throw new BusinessRuleError('The minutes cannot be recorded', 'invalid-minutes', problems);
  }

  /** Refuses (409) a decision the meeting already has: on the same agenda item, or the same words on none. */
  private async notYetDecided(manager: EntityManager, meetingId: string, input: RecordMinutesDto): Promise<void> {
    const itemIds = input.items.flatMap((entry) => (entry.agendaItemId ? [entry.agendaItemId] : []));
    const others = input.items.flatMap((entry) => (entry.agendaItemId ? [] : [entry.decision]));
    const recorded = await this.minutes.recorded(manager, meetingId, itemIds, others);
    if (recorded.length === 0) return;
    const problems: FieldProblem[] = [];
    input.items.forEach((entry, index) => {
      if (entry.agendaItemId && recorded.some((row) => row.agenda_item_id === entry.agendaItemId))
        problems.push({ field: `items[${index}].agendaItemId`, message: 'this item’s decision is already recorded' });
      if (!entry.agendaItemId && recorded.some((row) => row.agenda_item_id === null && row.decision === entry.decision))
        problems.push({ field: `items[${index}].decision`, message: 'this decision is already recorded' });
    });
    throw new DecisionAlreadyRecordedError(problems);
  }
}
