import { DateTime } from 'luxon';
import { Page } from '../database/pagination';
import { ForumSeriesDto, MeetingDto, MeetingPageDto } from './dto/meeting.dto';
import { ForumSeries } from './entities/forum-series.entity';
import { Meeting } from './entities/meeting.entity';
import { meetingCalendar } from './meeting-calendar';
import type { Locale } from '../users/locale';

/** A meeting exported as a calendar invitation, and when. */
export interface ExportedMeeting {
  meeting: Meeting;
  exportedAt: Date;
  /** The language of the reader's account: the invitation's words are in it. */
  language: Locale;
}

/** A series with the starts its rule gives for the next six months. */
export interface PlannedSeries {
  series: ForumSeries;
  upcoming: Date[];
}

/** The answer for a meeting (no case data in it). Expects participants with their users and agencies loaded. */
export function meetingView(meeting: Meeting): MeetingDto {
  return {
    id: meeting.id,
    districtId: meeting.districtId,
    kind: meeting.kind,
    startsAt: meeting.startsAt.toISOString(),
    localStartsAt: DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).toISO()!,
    timeZone: meeting.timeZone,
    durationMinutes: meeting.durationMinutes,
    location: meeting.location,
    seriesId: meeting.seriesId,
    participants: (meeting.participants ?? [])
      .map((participant) => ({
        id: participant.userId,
        name: participant.user!.name,
        agency: {
          id: participant.user!.agency!.id,
          name: participant.user!.agency!.name,
          kind: participant.user!.agency!.kind,
        },
        attended: participant.attended,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    agendaGeneratedAt: meeting.agendaGeneratedAt?.toISOString() ?? null,
    agendaFrozenAt: meeting.agendaFrozenAt?.toISOString() ?? null,
    version: meeting.version,
  };
}

export function meetingPageView(page: Page<Meeting>): MeetingPageDto {
  return { items: page.items.map(meetingView), nextCursor: page.nextCursor };
}

/** The invitation as iCalendar (no case data in it). Expects the district loaded. */
export function meetingCalendarView({ meeting, exportedAt, language }: ExportedMeeting): string {
  return meetingCalendar(meeting, meeting.district!.name, exportedAt, language);
}

/** A series set up, with the starts its rule gives for the next six months. */
export function forumSeriesView({ series, upcoming }: PlannedSeries): ForumSeriesDto {
  return {
    id: series.id,
    districtId: series.districtId,
    rule: series.rule,
    timeZone: series.timeZone,
    participantIds: series.participantIds,
    location: series.location,
    durationMinutes: series.durationMinutes,
    endsOn: series.endsOn,
    upcoming: upcoming.map((start) => start.toISOString()),
  };
}
