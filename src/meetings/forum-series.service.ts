import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { BusinessRuleError, ForbiddenActionError } from '../http/domain-errors';
import { forumSeriesSweepJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { CreateForumSeriesDto } from './dto/meeting.dto';
import { ForumSeries } from './entities/forum-series.entity';
import { Meeting } from './entities/meeting.entity';
import { ForumSeriesRepository } from './forum-series.repository';
import { inviteeProblems, meetingSubject } from './meeting-access';
import { MeetingScheduler } from './meeting-scheduler.service';
import { PlannedSeries } from './meeting-view';
import { DEFAULT_DURATION_MINUTES } from './meeting-vocabulary';
import { MeetingsRepository } from './meetings.repository';
import { occurrences, parseMonthlyRule } from './recurrence';

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

  /** The starts the series' rule gives for the next six months from now. */
  private upcoming(series: ForumSeries): Date[] {
    const now = this.clock.now();
    const until = DateTime.fromJSDate(now).plus({ months: SERIES_MONTHS_AHEAD }).toJSDate();
    return occurrences(parseMonthlyRule(series.rule)!, series.timeZone, now, until).map((o) => o.startsAt);
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
    const now = this.clock.now();
    const until = DateTime.fromJSDate(now).plus({ months: SERIES_MONTHS_AHEAD }).toJSDate();
    const created: Meeting[] = [];
    for (const occurrence of occurrences(parseMonthlyRule(series.rule)!, series.timeZone, now, until)) {
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
