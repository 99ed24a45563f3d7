import { DateTime } from 'luxon';
import { MeetingDto } from './dto/meeting.dto';
import { Meeting } from './entities/meeting.entity';

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
