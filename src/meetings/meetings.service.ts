import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Page } from '../database/pagination';
import { District } from '../districts/district.entity';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { CreateMeetingDto, MeetingQuery, UpdateMeetingDto } from './dto/meeting.dto';
import { Meeting } from './entities/meeting.entity';
import { hasStarted, inviteeProblems, meetingSubject } from './meeting-access';
import { MeetingScheduler } from './meeting-scheduler.service';
import { ExportedMeeting } from './meeting-view';
import { DEFAULT_DURATION_MINUTES } from './meeting-vocabulary';
import { MeetingsRepository } from './meetings.repository';
import { DEFAULT_LOCALE } from '../users/locale';
import { localeOf } from '../users/user-view';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class MeetingsService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scheduler: MeetingScheduler,
    private readonly users: UsersRepository,
  ) {}

  async create(actor: Actor, ability: AppAbility, input: CreateMeetingDto): Promise<Meeting> {
    const meeting = await this.meetings.transaction(async (manager) => {
      const district = await this.districtToArrange(manager, ability, input.districtId);
      const startsAt = new Date(input.startsAt);
      const problems = inviteeProblems(
        input.participantIds,
        await this.meetings.invitees(manager, input.participantIds),
      );
      if (startsAt.getTime() <= this.clock.now().getTime())
        problems.push({ field: 'startsAt', message: 'must be in the future' });
      if (problems.length > 0)
        throw new BusinessRuleError('The meeting cannot be arranged', 'invalid-meeting', problems);
      const created = await this.meetings.insert(manager, {
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
        action: 'meeting.create',
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
    const { meeting, moved } = await this.meetings.transaction(async (manager) => {
      const current = await this.lockedForChange(manager, ability, id);
      if (current.version !== input.version)
        throw new ConflictError('The meeting changed since you read it; read it again', 'stale-version');
      const problems = input.participantIds
        ? inviteeProblems(input.participantIds, await this.meetings.invitees(manager, input.participantIds))
        : [];
      const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
      if (input.startsAt && startsAt.getTime() <= this.clock.now().getTime())
        problems.push({ field: 'startsAt', message: 'must be in the future' });
      if (problems.length > 0)
        throw new BusinessRuleError('The meeting cannot be changed', 'invalid-meeting', problems);
      const movedNow = startsAt.getTime() !== current.startsAt.getTime();
      await this.meetings.update(manager, id, {
        startsAt,
        location: input.location ?? current.location,
        // A moved meeting gets its agenda generated again before the new date.
        agendaGeneratedAt: movedNow ? null : current.agendaGeneratedAt,
      });
      if (input.participantIds) await this.meetings.replaceParticipants(manager, id, input.participantIds);
      await this.audit.record(manager, {
        action: 'meeting.update',
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
    return this.meetings.transaction(async (manager) => {
      const page = await this.meetings.page(manager, ability, query);
      await this.audit.record(manager, {
        action: 'meeting.list',
        outcome: 'allowed',
        details: { ids: page.items.map((meeting) => meeting.id) },
      });
      return page;
    });
  }

  read(ability: AppAbility, id: string): Promise<Meeting> {
    return this.audited(ability, id, 'meeting.read');
  }

  /** The meeting for its iCalendar invitation; the download is audited. */
  async calendar(actor: Actor, ability: AppAbility, id: string): Promise<ExportedMeeting> {
    const meeting = await this.audited(ability, id, 'meeting.export');
    const reader = await this.meetings.transaction((manager) => this.users.findProfile(manager, ability, actor.id));
    return { meeting, exportedAt: this.clock.now(), language: localeOf(reader?.locale ?? DEFAULT_LOCALE) };
  }

  /** One meeting the caller may see, its reading recorded (a refusal where it is answered). */
  private audited(ability: AppAbility, id: string, action: 'meeting.read' | 'meeting.export'): Promise<Meeting> {
    return this.meetings.transaction(async (manager) => {
      const meeting = await this.meetings.findVisible(manager, ability, id);
      if (!meeting) throw new NotFoundError('meeting');
      await this.audit.record(manager, { action, resourceId: id, outcome: 'allowed' });
      return meeting;
    });
  }

  /** A meeting the caller has just written, read back as they see it. */
  private async findOne(manager: EntityManager, ability: AppAbility, id: string): Promise<Meeting> {
    const meeting = await this.meetings.findVisible(manager, ability, id);
    if (!meeting) throw new NotFoundError('meeting');
    return meeting;
  }

  /** The meeting locked for a change: 404 if invisible, 403 if not the caller's to change, 409 once started. */
  private async lockedForChange(manager: EntityManager, ability: AppAbility, id: string): Promise<Meeting> {
    await this.meetings.lockRow(manager, id);
    const meeting = await this.meetings.findVisible(manager, ability, id);
    if (!meeting) throw new NotFoundError('meeting');
    if (!ability.can('update', meetingSubject(meeting)))
      throw new ForbiddenActionError('Only the district’s coordinators change a meeting');
    if (hasStarted(meeting, this.clock.now()))
      throw new ConflictError('The meeting has started; it can no longer be changed', 'meeting-started');
    return meeting;
  }

  private async districtToArrange(manager: EntityManager, ability: AppAbility, districtId: string): Promise<District> {
    const district = await this.meetings.district(manager, districtId);
    if (!district || !ability.can('create', meetingSubject({ districtId } as Meeting)))
      throw new ForbiddenActionError('You may arrange meetings only in your own districts').refusing({
        resourceType: 'district',
        resourceId: districtId,
      });
    return district;
  }
}
