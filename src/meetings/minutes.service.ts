import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { FollowUpScheduler } from '../follow-ups/follow-up-scheduler.service';
import { FollowUp } from '../follow-ups/follow-up.entity';
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
   * follow-up in the same transaction, and is put on the queue after it commits.
   */
  async record(actor: Actor, ability: AppAbility, meetingId: string, input: RecordMinutesDto): Promise<MinutesDto> {
    const created = await this.audit.refusalsRecorded('meeting.minutes_recorded', 'Meeting', meetingId, () =>
      this.dataSource.transaction(async (manager) => {
        const meeting = await this.agendas.visible(manager, ability, meetingId);
        if (!ability.can('minute', meetingSubject(meeting)))
          throw new ForbiddenActionError('Only the coordinators and the forum’s members record minutes');
        const now = this.clock.now();
        if (!hasStarted(meeting, now))
          throw new ConflictError('Minutes are recorded once the meeting has started', 'meeting-not-started');
        const locked = (await this.generator.lock(manager, meetingId))!;
        await this.generator.freeze(manager, locked);
        const items = await manager.find(AgendaItem, { where: { meetingId } });
        await this.check(manager, meeting, items, input, now);
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
      }),
    );
    await this.followUps.schedule(created);
    return this.read(actor, ability, meetingId);
  }

  /** The minutes for this reader: each decision's agenda item redacted as on their agenda. Audited. */
  read(actor: Actor, ability: AppAbility, meetingId: string): Promise<MinutesDto> {
    return this.audit.refusalsRecorded('meeting.minutes_viewed', 'Meeting', meetingId, () =>
      this.dataSource.transaction(async (manager) => {
        const meeting = await this.agendas.visible(manager, ability, meetingId);
        const { itemViews } = await this.agendas.forReader(manager, actor, ability, meeting);
        const minutes = await manager.find(MeetingMinute, {
          where: { meetingId },
          order: { recordedAt: 'ASC', position: 'ASC' },
        });
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
