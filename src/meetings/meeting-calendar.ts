import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { PackageLanguage } from '../access-requests/access-package-vocabulary';
import { AGENDA_LABELS } from './agenda-pdf-labels';
import { Meeting } from './entities/meeting.entity';

/**
 * The zone's VTIMEZONE. The library answers some zones with the zone they link to
 * (Europe/Oslo with Europe/Berlin's rules); the block is renamed so its TZID is the one used.
 */
function vtimezone(zone: string): string | null {
  const [block] = tzlib_get_ical_block(zone);
  if (!block) return null;
  return block.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

/**
 * An iCalendar invitation: the start and end as wall-clock times in the meeting's zone (with its
 * VTIMEZONE, so calendar programs place it right across daylight saving), the participants,
 * and nothing about any subject — the agenda stays in Samvirke. Its words are in the reader's language.
 */
export function meetingCalendar(
  meeting: Meeting,
  districtName: string,
  stamp: Date,
  language: PackageLanguage = 'en',
): string {
  const labels = AGENDA_LABELS[language];
  const calendar = ical({
    prodId: { company: 'Samvirke', product: 'meetings', language: language.toUpperCase() },
    // No calendar-wide zone: DTSTAMP stays in UTC as RFC 5545 wants; the generator adds the event's VTIMEZONE.
    timezone: { name: null, generator: vtimezone },
  });
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone });
  calendar.createEvent({
    id: `${meeting.id}@samvirke`,
    sequence: meeting.version,
    stamp: DateTime.fromJSDate(stamp, { zone: 'utc' }),
    start,
    end: start.plus({ minutes: meeting.durationMinutes }),
    timezone: meeting.timeZone,
    summary: `${labels.kinds[meeting.kind]} — ${districtName}`,
    description: labels.calendarNote,
    location: meeting.location ?? undefined,
    status: ICalEventStatus.CONFIRMED,
    attendees: (meeting.participants ?? []).map((participant) => ({
      name: participant.user!.name,
      email: participant.user!.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
  });
  return calendar.toString();
}
