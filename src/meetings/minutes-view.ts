import { readerItemViews, ReaderAgenda } from './agenda-view';
import { MinutesDto } from './dto/minutes.dto';
import { Meeting } from './entities/meeting.entity';
import { ReadableMinute } from './minutes.repository';

/** The minutes as one reader may read them: their agenda, and the decisions on it or on no item. */
export interface ReaderMinutes {
  agenda: ReaderAgenda;
  minutes: ReadableMinute[];
}

/** Who was invited and whether they came. Expects participants with their users and agencies loaded. */
function attendance(meeting: Meeting): MinutesDto['attendance'] {
  return (meeting.participants ?? []).map((participant) => ({
    userId: participant.userId,
    name: participant.user!.name,
    agencyName: participant.user!.agency!.name,
    attended: participant.attended,
  }));
}

/** The answer for the minutes: each decision's agenda item as on the reader's agenda, redacted as there. */
export function minutesView(readerMinutes: ReaderMinutes): MinutesDto {
  const { agenda, minutes } = readerMinutes;
  const itemViews = readerItemViews(agenda);
  return {
    meetingId: agenda.meeting.id,
    attendance: attendance(agenda.meeting),
    items: minutes.map(({ minute, actions }) => ({
      id: minute.id,
      agendaItem: (minute.agendaItemId && itemViews.get(minute.agendaItemId)) || null,
      decision: minute.decision,
      recordedById: minute.recordedById,
      recordedAt: minute.recordedAt.toISOString(),
      actions: actions.map((action) => ({
        followUpId: action.followUpId,
        owner: action.owner,
        text: action.text,
        dueAt: action.dueAt.toISOString(),
        state: action.state,
      })),
    })),
  };
}
