import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { FollowUpScheduler } from '../follow-ups/follow-up-scheduler.service';
import { FollowUp } from '../follow-ups/follow-up.entity';
import { isUniqueViolation } from '../database/postgres-errors';
import { BusinessRuleError, ConflictError, FieldProblem, ForbiddenActionError } from '../http/domain-errors';
import { User } from '../users/user.entity';
import { AgendaGenerator } from './agenda-generator.service';
import { AgendaService, ItemView } from './agenda.service';
import { AgendaItemDto } from './dto/agenda.dto';
import { MinutesDto, RecordMinutesDto } from './dto/minutes.dto';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting, MeetingParticipant } from './entities/meeting.entity';
import { MeetingMinute } from './entities/meeting-minute.entity';
import { hasStarted, meetingSubject } from './meeting-access';

const DAY_MS = 24 * 3_600_000;

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
    private readonly dataSource: DataSource,
    private readonly agendas: AgendaService,
    private readonly generator: AgendaGenerator,
    private readonly followUps: FollowUpScheduler,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records decisions once the meeting has started; every action item becomes its owner's
   * follow-up in the same transaction, and is put on the queue after it commits. Each agenda item
   * is decided once, and the same words on no item are recorded once: recorders wait for each other
   * on the meeting's row, and the later one finds the decision there (the indexes catch the rest).
   */
  async record(actor: Actor, ability: AppAbility, meetingId: string, input: RecordMinutesDto): Promise<MinutesDto> {
    const created = await this.audit.refusalsRecorded('meeting.minutes_recorded', 'Meeting', meetingId, () =>
      this.recordOnce(actor, ability, meetingId, input),
    );
    await this.followUps.schedule(created);
    return this.read(actor, ability, meetingId);
  }

  private recordOnce(actor: Actor, ability: AppAbility, meetingId: string, input: RecordMinutesDto) {
    return this.dataSource
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
        const followUps: FollowUp[] = [];
        for (const [position, entry] of input.items.entries()) {
          const item = items.find((candidate) => candidate.id === entry.agendaItemId);
          const minute = await manager.save(
            manager.create(MeetingMinute, {
              meetingId,
              agendaItemId: item?.id ?? null,
              decision: entry.decision,
              position,
              recordedById: actor.id,
            }),
          );
          for (const action of entry.actions) {
            const dueAt = new Date(action.dueAt);
            followUps.push(
              await manager.save(
                manager.create(FollowUp, {
                  kind: 'action_item',
                  referralId: item?.referralId ?? item?.snapshot?.referral?.id ?? null,
                  minuteId: minute.id,
                  ownerId: action.ownerId,
                  createdById: actor.id,
                  districtId: meeting.districtId,
                  text: action.text,
                  dueAt,
                  remindAt: new Date(Math.max(now.getTime(), dueAt.getTime() - DAY_MS)),
                  state: 'open',
                  escalationLevel: 0,
                  closedAt: null,
                }),
              ),
            );
          }
        }
        if (input.attendeeIds) {
          await manager.query('UPDATE meeting_participants SET attended = (user_id = ANY($2)) WHERE meeting_id = $1', [
            meetingId,
            input.attendeeIds,
          ]);
        }
        await this.audit.recordMany(manager, [
          {
            action: 'meeting.minutes_recorded',
            resourceType: 'Meeting',
            resourceId: meetingId,
            outcome: 'allowed',
            details: { decisions: input.items.length, actions: followUps.length, attendance: !!input.attendeeIds },
          },
          ...followUps.map((followUp) => ({
            action: 'follow_up.created',
            resourceType: 'FollowUp',
            resourceId: followUp.id,
            outcome: 'allowed' as const,
            details: { kind: 'action_item', meetingId },
          })),
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
  read(actor: Actor, ability: AppAbility, meetingId: string): Promise<MinutesDto> {
    return this.audit.refusalsRecorded('meeting.minutes_viewed', 'Meeting', meetingId, () =>
      this.dataSource.transaction(async (manager) => {
        const meeting = await this.agendas.visible(manager, ability, meetingId);
        const { itemViews } = await this.agendas.forReader(manager, actor, ability, meeting);
        // A decision on an item absent from the reader's agenda is absent too, with its action items.
        const minutes = await manager
          .getRepository(MeetingMinute)
          .createQueryBuilder('minute')
          .where('minute.meetingId = :meetingId', { meetingId })
          .andWhere('(minute.agendaItemId IS NULL OR minute.agendaItemId = ANY(:itemIds))', {
            itemIds: [...itemViews.keys()],
          })
          .orderBy('minute.recordedAt', 'ASC')
          .addOrderBy('minute.position', 'ASC')
          .getMany();
        const actions = minutes.length
          ? await manager.find(FollowUp, {
              where: { minuteId: In(minutes.map((minute) => minute.id)) },
              order: { dueAt: 'ASC', id: 'ASC' },
            })
          : [];
        const owners = await this.owners(manager, actions);
        const subjects = new Map<string, boolean>();
        const items = minutes.map((minute) => {
          const view = minute.agendaItemId ? itemViews.get(minute.agendaItemId) : undefined;
          if (view?.subjectId) subjects.set(view.subjectId, view.identified);
          return {
            id: minute.id,
            agendaItem: view ? withoutSubjectId(view) : null,
            decision: minute.decision,
            recordedById: minute.recordedById,
            recordedAt: minute.recordedAt.toISOString(),
            actions: actions
              .filter((action) => action.minuteId === minute.id)
              .map((action) => ({
                followUpId: action.id,
                owner: owners.get(action.ownerId)!,
                text: action.text,
                dueAt: action.dueAt.toISOString(),
                state: action.state,
              })),
          };
        });
        await this.audit.recordMany(manager, [
          { action: 'meeting.minutes_viewed', resourceType: 'Meeting', resourceId: meetingId, outcome: 'allowed' },
          ...[...subjects].map(([subjectId, identified]) => ({
            action: 'meeting.minutes_viewed',
            resourceType: 'Subject',
            resourceId: subjectId,
            subjectId,
            outcome: 'allowed' as const,
            details: { meetingId, view: identified ? 'identity' : 'pseudonym' },
          })),
        ]);
        return { meetingId, attendance: attendance(meeting), items };
      }),
    );
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
    const coordinators: { id: string }[] = ownerIds.length
      ? await manager.query(
          `SELECT u.id FROM users u JOIN user_districts d ON d.user_id = u.id
            WHERE u.id = ANY($1) AND u.active AND 'coordinator' = ANY(u.roles) AND d.district_id = $2`,
          [ownerIds, meeting.districtId],
        )
      : [];
    const mayOwn = new Set([...participants, ...coordinators.map((row) => row.id)]);
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
    const recorded: { agenda_item_id: string | null; decision: string }[] = await manager.query(
      `SELECT agenda_item_id, decision FROM meeting_minutes
        WHERE meeting_id = $1 AND (agenda_item_id = ANY($2) OR (agenda_item_id IS NULL AND decision = ANY($3)))`,
      [meetingId, itemIds, others],
    );
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

  private async owners(manager: EntityManager, actions: FollowUp[]) {
    const users = actions.length
      ? await manager.find(User, {
          where: { id: In(actions.map((action) => action.ownerId)) },
          relations: { agency: true },
        })
      : [];
    return new Map(users.map((user) => [user.id, { id: user.id, name: user.name, agencyName: user.agency!.name }]));
  }
}

/** The reader's view without the subject id (kept for the audit only). */
function withoutSubjectId(view: ItemView): AgendaItemDto {
  return Object.fromEntries(Object.entries(view).filter(([key]) => key !== 'subjectId')) as unknown as AgendaItemDto;
}

function attendance(meeting: Meeting) {
  return (meeting.participants ?? []).map((participant: MeetingParticipant) => ({
    userId: participant.userId,
    name: participant.user!.name,
    agencyName: participant.user!.agency!.name,
    attended: participant.attended,
  }));
}
