import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { isIsoTime, Page, paginate } from '../database/pagination';
import { District } from '../districts/district.entity';
import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  ForbiddenActionError,
  NotFoundError,
} from '../http/domain-errors';
import { User } from '../users/user.entity';
import { CreateMeetingDto, MeetingQuery, UpdateMeetingDto } from './dto/meeting.dto';
import { Meeting, MeetingParticipant } from './entities/meeting.entity';
import { hasStarted, meetingsQuery, meetingSubject } from './meeting-access';
import { meetingCalendar } from './meeting-calendar';
import { MeetingScheduler } from './meeting-scheduler.service';
import { DEFAULT_DURATION_MINUTES } from './meeting-vocabulary';

/** Roles that never sit in a case meeting (DESIGN rule 8). */
const NEVER_INVITED = ['admin', 'auditor'];

@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scheduler: MeetingScheduler,
  ) {}

  async create(actor: Actor, ability: AppAbility, input: CreateMeetingDto): Promise<Meeting> {
    const meeting = await this.dataSource.transaction(async (manager) => {
      const district = await this.districtToArrange(manager, ability, input.districtId);
      const startsAt = new Date(input.startsAt);
      const problems = await participantProblems(manager, input.participantIds);
      if (startsAt.getTime() <= this.clock.now().getTime())
        problems.push({ field: 'startsAt', message: 'must be in the future' });
      if (problems.length > 0)
        throw new BusinessRuleError('The meeting cannot be arranged', 'invalid-meeting', problems);
      const created = await insertMeeting(manager, {
        districtId: district.id,
        kind: input.kind,
        startsAt,
        timeZone: district.timeZone,
        durationMinutes: input.durationMinutes ?? DEFAULT_DURATION_MINUTES,
        location: input.location ?? null,
        seriesId: null,
        seriesDate: null,
        createdById: actor.id,
        participantIds: input.participantIds,
      });
      await this.audit.record(manager, {
        action: 'meeting.created',
        resourceType: 'Meeting',
        resourceId: created!.id,
        outcome: 'allowed',
        details: { kind: input.kind, participants: input.participantIds.length },
      });
      return this.findOne(manager, ability, created!.id);
    });
    await this.scheduler.schedule([meeting]);
    return meeting;
  }

  /** Moves a meeting, changes who is invited or where; not once it has started. */
  async update(ability: AppAbility, id: string, input: UpdateMeetingDto): Promise<Meeting> {
    const { meeting, moved } = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockedForChange(manager, ability, id);
      if (current.version !== input.version)
        throw new ConflictError('The meeting changed since you read it; read it again', 'stale-version');
      const problems = input.participantIds ? await participantProblems(manager, input.participantIds) : [];
      const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
      if (input.startsAt && startsAt.getTime() <= this.clock.now().getTime())
        problems.push({ field: 'startsAt', message: 'must be in the future' });
      if (problems.length > 0)
        throw new BusinessRuleError('The meeting cannot be changed', 'invalid-meeting', problems);
      const movedNow = startsAt.getTime() !== current.startsAt.getTime();
      await manager.update(
        Meeting,
        { id },
        {
          startsAt,
          location: input.location ?? current.location,
          // A moved meeting gets its agenda generated again before the new date.
          agendaGeneratedAt: movedNow ? null : current.agendaGeneratedAt,
        },
      );
      if (input.participantIds) await replaceParticipants(manager, id, input.participantIds);
      await this.audit.record(manager, {
        action: 'meeting.updated',
        resourceType: 'Meeting',
        resourceId: id,
        outcome: 'allowed',
        details: { changed: Object.keys(input).filter((key) => key !== 'version') },
      });
      return { meeting: await this.findOne(manager, ability, id), moved: movedNow };
    });
    if (moved) await this.scheduler.schedule([meeting]);
    return meeting;
  }

  /** The meetings the caller may see; one audit event names those returned. */
  list(ability: AppAbility, query: MeetingQuery): Promise<Page<Meeting>> {
    return this.dataSource.transaction(async (manager) => {
      const builder = meetingsQuery(this.dataSource, manager, ability);
      if (query.districtId) builder.andWhere('meeting.districtId = :districtId', { districtId: query.districtId });
      if (query.from) builder.andWhere('meeting.startsAt >= :from', { from: new Date(query.from) });
      if (query.to) builder.andWhere('meeting.startsAt < :to', { to: new Date(query.to) });
      const page = await paginate(builder, query, {
        column: 'startsAt',
        direction: 'ASC',
        keyOf: (meeting) => meeting.startsAt.toISOString(),
        keyIsValid: isIsoTime,
      });
      await this.audit.record(manager, {
        action: 'meeting.listed',
        resourceType: 'Meeting',
        outcome: 'allowed',
        details: { ids: page.items.map((meeting) => meeting.id) },
      });
      return page;
    });
  }

  read(ability: AppAbility, id: string): Promise<Meeting> {
    return this.audited(ability, id, 'meeting.read');
  }

  /** The invitation as iCalendar; the download is audited. */
  async calendar(ability: AppAbility, id: string): Promise<string> {
    const meeting = await this.audited(ability, id, 'meeting.calendar_exported');
    return meetingCalendar(meeting, meeting.district!.name, this.clock.now());
  }

  /** One meeting the caller may see, its reading recorded (a refusal too). */
  private audited(ability: AppAbility, id: string, action: string): Promise<Meeting> {
    return this.audit.refusalsRecorded(action, 'Meeting', id, () =>
      this.dataSource.transaction(async (manager) => {
        const meeting = await meetingsQuery(this.dataSource, manager, ability)
          .andWhere('meeting.id = :id', { id })
          .getOne();
        if (!meeting) throw new NotFoundError('meeting');
        await this.audit.record(manager, { action, resourceType: 'Meeting', resourceId: id, outcome: 'allowed' });
        return meeting;
      }),
    );
  }

  private async findOne(manager: EntityManager, ability: AppAbility, id: string): Promise<Meeting> {
    return meetingsQuery(this.dataSource, manager, ability).andWhere('meeting.id = :id', { id }).getOneOrFail();
  }

  /** The meeting locked for a change: 404 if invisible, 403 if not the caller's to change, 409 once started. */
  private async lockedForChange(manager: EntityManager, ability: AppAbility, id: string): Promise<Meeting> {
    await manager.query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [id]);
    const meeting = await meetingsQuery(this.dataSource, manager, ability)
      .andWhere('meeting.id = :id', { id })
      .getOne();
    if (!meeting) throw new NotFoundError('meeting');
    if (!ability.can('update', meetingSubject(meeting)))
      throw new ForbiddenActionError('Only the district’s coordinators change a meeting');
    if (hasStarted(meeting, this.clock.now()))
      throw new ConflictError('The meeting has started; it can no longer be changed', 'meeting-started');
    return meeting;
  }

  private async districtToArrange(manager: EntityManager, ability: AppAbility, districtId: string): Promise<District> {
    const district = await manager.findOneBy(District, { id: districtId });
    if (!district || !ability.can('create', meetingSubject({ districtId } as Meeting)))
      throw new ForbiddenActionError('You may arrange meetings only in your own districts');
    return district;
  }
}

export interface NewMeeting extends Pick<
  Meeting,
  | 'districtId'
  | 'kind'
  | 'startsAt'
  | 'timeZone'
  | 'durationMinutes'
  | 'location'
  | 'seriesId'
  | 'seriesDate'
  | 'createdById'
> {
  participantIds: string[];
}

/** Inserts a meeting and its participants; a series' meeting already there (same date) is left alone (null). */
export async function insertMeeting(manager: EntityManager, fields: NewMeeting): Promise<Meeting | null> {
  const { participantIds, ...meeting } = fields;
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Meeting)
    .values(meeting)
    .orIgnore()
    .returning('*')
    .execute();
  const row = inserted.generatedMaps[0] as Meeting | undefined;
  if (!row?.id) return null;
  await replaceParticipants(manager, row.id, participantIds);
  return manager.findOneByOrFail(Meeting, { id: row.id });
}

async function replaceParticipants(manager: EntityManager, meetingId: string, userIds: string[]): Promise<void> {
  await manager.query('DELETE FROM meeting_participants WHERE meeting_id = $1 AND NOT (user_id = ANY($2))', [
    meetingId,
    userIds,
  ]);
  await manager
    .createQueryBuilder()
    .insert()
    .into(MeetingParticipant)
    .values(userIds.map((userId) => ({ meetingId, userId, attended: null })))
    .orIgnore()
    .execute();
}

/** Who may be invited: active users with a case role (never an admin or auditor). */
export async function participantProblems(manager: EntityManager, userIds: string[]): Promise<FieldProblem[]> {
  const users = await manager.find(User, { where: { id: In(userIds) } });
  const byId = new Map(users.map((user) => [user.id, user]));
  const problems: FieldProblem[] = [];
  userIds.forEach((id, index) => {
    const user = byId.get(id);
    if (!user?.active) problems.push({ field: `participantIds[${index}]`, message: 'no active user with this id' });
    else if (user.roles.some((role) => NEVER_INVITED.includes(role)))
      problems.push({
        field: `participantIds[${index}]`,
        message: 'administrators and auditors do not sit in case meetings',
      });
  });
  return problems;
}
