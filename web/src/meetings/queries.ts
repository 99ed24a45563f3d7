import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { api, call, type Schemas } from '../app/api';

export type Meeting = Schemas['MeetingDto'];
export type Agenda = Schemas['AgendaDto'];
export type AgendaItem = Schemas['AgendaItemDto'];
export type Minutes = Schemas['MinutesDto'];
export type Participant = Meeting['participants'][number];

export const meetingsKey = ['meetings'] as const;
export const meetingKey = (id: string) => [...meetingsKey, id] as const;
export const agendaKey = (id: string) => [...meetingsKey, id, 'agenda'] as const;
export const minutesKey = (id: string) => [...meetingsKey, id, 'minutes'] as const;

/** The meetings the reader may see from the start of today on, soonest first, page by page. */
export function useUpcomingMeetings(districtId?: string) {
  return useInfiniteQuery({
    queryKey: [...meetingsKey, 'upcoming', districtId ?? 'all'],
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/meetings', {
          params: {
            query: {
              from: DateTime.now().startOf('day').toUTC().toISO(),
              limit: 50,
              ...(districtId ? { districtId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKey(id),
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
  });
}

export function useAgenda(id: string) {
  return useQuery({
    queryKey: agendaKey(id),
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/meetings/{id}/agenda', { params: { path: { id } } })),
  });
}

export function useMinutes(id: string, enabled: boolean) {
  return useQuery({
    queryKey: minutesKey(id),
    staleTime: 0,
    enabled,
    queryFn: () => call(api.GET('/api/v1/meetings/{id}/minutes', { params: { path: { id } } })),
  });
}

/** Whether the meeting has begun: its agenda is frozen and minutes may be recorded. */
export const hasStarted = (meeting: Pick<Meeting, 'startsAt' | 'agendaFrozenAt'>, now = Date.now()) =>
  meeting.agendaFrozenAt !== null || new Date(meeting.startsAt).getTime() <= now;

/** The agenda's items in their order: section by section, each by its position. */
export const agendaItems = (agenda: Agenda): AgendaItem[] => agenda.sections.flatMap((section) => section.items);

/** A time typed in a `datetime-local` field, read in the meeting's time zone, as an instant (ISO, UTC). */
export function localInputToInstant(value: string, timeZone: string): string | null {
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.toUTC().toISO() : null;
}

/** An instant as a `datetime-local` field's value in the meeting's time zone. */
export function instantToLocalInput(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * Downloads one of the meeting's files (the agenda's PDF, the calendar invitation) with the
 * session's token, which lives in memory only, so a plain link could not carry it.
 */
export async function downloadMeetingFile(id: string, file: 'agenda.pdf' | 'meeting.ics'): Promise<void> {
  const blob =
    file === 'agenda.pdf'
      ? await call(api.GET('/api/v1/meetings/{id}/agenda.pdf', { params: { path: { id } }, parseAs: 'blob' }))
      : await call(api.GET('/api/v1/meetings/{id}/meeting.ics', { params: { path: { id } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file by the next turn; the address is not kept.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
