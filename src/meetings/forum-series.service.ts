import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { BusinessRuleError, FieldProblem, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { forumSeriesSweepJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { CreateForumSeriesDto, UpdateForumSeriesDto } from './dto/meeting.dto';
import { ForumSeries } from './entities/forum-series.entity';
import { Meeting } from './entities/meeting.entity';
import { ForumSeriesChanges, ForumSeriesRepository } from './forum-series.repository';
import { inviteeProblems, meetingSubject } from './meeting-access';
import { MeetingScheduler } from './meeting-scheduler.service';
import { PlannedSeries } from './meeting-view';
import { DEFAULT_DURATION_MINUTES } from './meeting-vocabulary';
import { MeetingsRepository } from './meetings.repository';
import { Occurrence, occurrences, parseMonthlyRule } from './recurrence';

/** How far ahead a series' meetings exist. */
export const SERIES_MONTHS_AHEAD = 6;

@Injectable()
export class ForumSeriesService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly series: ForumSeriesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scheduler: MeetingScheduler,
    @InjectQueue(QUEUES.meetings) private readonly queue: Queue,
  ) {}

  /**
   * Records the series; the worker creates its meetings (at once, and keeps them six months ahead).
   * Returned with the starts its rule gives for the next six months.
   */
  async create(actor: Actor, ability: AppAbility, input: CreateForumSeriesDto): Promise<PlannedSeries> {
    const series = await this.meetings.transaction(async (manager) => {
      const district = await this.meetings.district(manager, input.districtId);
      if (!district || !ability.can('create', meetingSubject({ districtId: input.districtId } as Meeting)))
        throw new ForbiddenActionError('You may arrange meetings only in your own districts').refusing({
          resourceType: 'district',
          resourceId: input.districtId,
        });
      const problems = inviteeProblems(
        input.participantIds,
        await this.meetings.invitees(manager, input.participantIds),
      );
      if (problems.length > 0)
        throw new BusinessRuleError('The forum series cannot be set up', 'invalid-meeting', problems);
      const created = await this.series.insert(manager, {
        districtId: district.id,
        rule: input.rule,
        timeZone: input.timeZone ?? district.timeZone,
        durationMinutes: input.durationMinutes ?? DEFAULT_DURATION_MINUTES,
        location: input.location ?? null,
        participantIds: input.participantIds,
        createdById: actor.id,
      });
      await this.audit.record(manager, {
        action: 'forum_series.create',
        resourceId: created.id,
        outcome: 'allowed',
        details: { rule: created.rule, timeZone: created.timeZone },
      });
      return created;
    });
    // The hourly sweep does the same if Redis is away now.
    await withinTime(
      this.queue.add(JOBS.meetingsSweep, {}, { jobId: forumSeriesSweepJobId(series.id) }),
      ENQUEUE_TIMEOUT_MS,
    );
    return { series, upcoming: this.upcoming(series) };
  }

  /** One series of the caller's districts, with its next starts; the read is audited. */
  read(ability: AppAbility, id: string): Promise<PlannedSeries> {
    return this.meetings.transaction(async (manager) => {
      const series = await this.series.find(manager, id);
      if (!series || !this.mayRead(ability, series)) throw new NotFoundError('forum series');
      await this.audit.record(manager, { action: 'forum_series.read', resourceId: id, outcome: 'allowed' });
      return { series, upcoming: this.upcoming(series) };
    });
  }

  /** The series of the districts the caller coordinates (or of one of them); the read is audited. */
  list(ability: AppAbility, actor: Actor, districtId?: string): Promise<PlannedSeries[]> {
    return this.meetings.transaction(async (manager) => {
      const districts = districtId ? actor.districtIds.filter((id) => id === districtId) : actor.districtIds;
      const found = (await this.series.inDistricts(manager, districts)).filter((series) =>
        this.mayRead(ability, series),
      );
      await this.audit.record(manager, {
        action: 'forum_series.read',
        outcome: 'allowed',
        details: { ids: found.map((series) => series.id) },
      });
      return found.map((series) => ({ series, upcoming: this.upcoming(series) }));
    });
  }

  /**
   * Changes a series (rule, participants, location, duration, last day) and makes its meetings
   * still to come follow, as the sweep would have made them: a meeting whose date the new rule
   * still gives is moved to the rule's time (its agenda generated again) and gets the new
   * participants, place and length; one whose date it no longer gives, or after the last day, is
   * cancelled; the dates it newly gives get their meetings. Meetings that have started, whose agenda
   * is frozen or that have minutes are never touched. Coordinators of the series' district only.
   */
  async update(ability: AppAbility, id: string, input: UpdateForumSeriesDto): Promise<PlannedSeries> {
    const { series, scheduled } = await this.meetings.transaction(async (manager) => {
      const current = await this.series.lock(manager, id);
      if (!current || !this.mayRead(ability, current)) throw new NotFoundError('forum series');
      const now = this.clock.now();
      const problems: FieldProblem[] = input.participantIds
        ? inviteeProblems(input.participantIds, await this.meetings.invitees(manager, input.participantIds))
        : [];
      const localToday = DateTime.fromJSDate(now, { zone: current.timeZone }).toISODate()!;
      if (input.endsOn && input.endsOn < localToday)
        problems.push({ field: 'endsOn', message: `must be today (${localToday}) or later` });
      if (problems.length > 0)
        throw new BusinessRuleError('The forum series cannot be changed', 'invalid-meeting', problems);
      const changes: ForumSeriesChanges = {
        rule: input.rule ?? current.rule,
        participantIds: input.participantIds ?? current.participantIds,
        location: input.location ?? current.location,
        durationMinutes: input.durationMinutes ?? current.durationMinutes,
        endsOn: input.endsOn !== undefined ? input.endsOn : current.endsOn,
      };
      await this.series.update(manager, id, changes);
      const next: ForumSeries = { ...current, ...changes };
      const wanted = new Map(this.occurrencesAhead(next, now).map((o): [string, Occurrence] => [o.localDate, o]));
      const moved: Meeting[] = [];
      const cancelled: string[] = [];
      const changedIds: string[] = [];
      for (const meeting of await this.series.stillToCome(manager, id, now)) {
        const occurrence = meeting.seriesDate ? wanted.get(meeting.seriesDate) : undefined;
        if (!occurrence) {
          cancelled.push(meeting.id);
          continue;
        }
        // A meeting the coordinator moved keeps its time unless the rule itself changed.
        const startsAt = changes.rule !== current.rule ? occurrence.startsAt : meeting.startsAt;
        const isMoved = startsAt.getTime() !== meeting.startsAt.getTime();
        await this.series.followEdit(manager, meeting.id, {
          startsAt,
          durationMinutes: changes.durationMinutes,
          location: changes.location,
          agendaGeneratedAt: isMoved ? null : meeting.agendaGeneratedAt,
        });
        await this.meetings.replaceParticipants(manager, meeting.id, changes.participantIds);
        changedIds.push(meeting.id);
        if (isMoved) moved.push({ ...meeting, startsAt, agendaGeneratedAt: null } as Meeting);
      }
      await this.series.cancel(manager, cancelled);
      await this.audit.recordMany(manager, [
        {
          action: 'forum_series.update',
          resourceId: id,
          outcome: 'allowed' as const,
          details: {
            changed: Object.keys(input).filter((key) => input[key as keyof UpdateForumSeriesDto] !== undefined),
            meetingsChanged: changedIds.length,
            meetingsCancelled: cancelled.length,
          },
        },
        ...changedIds.map((meetingId) => ({
          action: 'meeting.update' as const,
          resourceId: meetingId,
          outcome: 'allowed' as const,
          details: { seriesId: id },
        })),
        ...cancelled.map((meetingId) => ({
          action: 'meeting.cancel' as const,
          resourceId: meetingId,
          outcome: 'allowed' as const,
          details: { seriesId: id },
        })),
      ]);
      const created = await this.extend(manager, next);
      return { series: next, scheduled: [...moved, ...created] };
    });
    await this.scheduler.schedule(scheduled);
    return { series, upcoming: this.upcoming(series) };
  }

  /** Coordinators of the series' district see and change it; anyone else finds nothing. */
  private mayRead(ability: AppAbility, series: ForumSeries): boolean {
    return ability.can('update', meetingSubject({ districtId: series.districtId } as Meeting));
  }

  /** The starts the series' rule gives for the next six months from now (none after its last day). */
  private upcoming(series: ForumSeries): Date[] {
    return this.occurrencesAhead(series, this.clock.now()).map((o) => o.startsAt);
  }

  /** The occurrences from `now` for six months, none after the series' last day. */
  private occurrencesAhead(series: ForumSeries, now: Date): Occurrence[] {
    const sixMonths = DateTime.fromJSDate(now).plus({ months: SERIES_MONTHS_AHEAD });
    const lastDay = series.endsOn
      ? DateTime.fromISO(series.endsOn, { zone: series.timeZone }).plus({ days: 1 }).startOf('day')
      : null;
    const until = lastDay && lastDay < sixMonths ? lastDay : sixMonths;
    return occurrences(parseMonthlyRule(series.rule)!, series.timeZone, now, until.toJSDate());
  }

  /**
   * Creates every series' missing meetings for the next six months. A meeting is keyed by its
   * series and the local date its rule gave, so running this again (or on two workers at once)
   * adds nothing, and a meeting the coordinator moved is not created again at the old time.
   */
  async extendAll(): Promise<Meeting[]> {
    const created: Meeting[] = [];
    for (const series of await this.series.all()) {
      created.push(...(await this.meetings.transaction((manager) => this.extend(manager, series))));
    }
    await this.scheduler.schedule(created);
    return created;
  }

  private async extend(manager: EntityManager, series: ForumSeries): Promise<Meeting[]> {
    const created: Meeting[] = [];
    for (const occurrence of this.occurrencesAhead(series, this.clock.now())) {
      const meeting = await this.meetings.insert(manager, {
        districtId: series.districtId,
        kind: 'forum',
        startsAt: occurrence.startsAt,
        timeZone: series.timeZone,
        durationMinutes: series.durationMinutes,
        location: series.location,
        seriesId: series.id,
        seriesDate: occurrence.localDate,
        createdById: null,
        participantIds: series.participantIds,
      });
      if (meeting) created.push(meeting);
    }
    if (created.length > 0) {
      await this.audit.recordMany(
        manager,
        created.map((meeting) => ({
          action: 'meeting.create',
          resourceId: meeting.id,
          outcome: 'allowed' as const,
          details: { kind: 'forum', seriesId: series.id },
          actor: SYSTEM_ACTOR,
        })),
      );
    }
    return created;
  }
}
