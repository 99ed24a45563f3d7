import { SavedFilter } from '../saved-filters/saved-filter.entity';
import { WorkDto } from './dto/home.dto';
import { WorkCounts } from './home.repository';

export function workView(counts: WorkCounts & { pinned: SavedFilter[] }): WorkDto {
  return {
    unreadNotifications: counts.unreadNotifications,
    followUpsDue: counts.followUpsDue,
    followUpsOverdue: counts.followUpsOverdue,
    intake: counts.intake,
    referralsWaiting: counts.referralsWaiting,
    referralsUnseen: counts.referralsUnseen,
    referralsNew: counts.referralsNew,
    // json_build_object writes the time without milliseconds' zeros and in the server's offset: written as ISO here.
    nextMeeting: counts.nextMeeting && {
      ...counts.nextMeeting,
      startsAt: new Date(counts.nextMeeting.startsAt).toISOString(),
    },
    queues: counts.pinned.map((filter, index) => ({
      savedFilterId: filter.id,
      name: filter.name,
      count: counts.queues[index].count,
      newCount: counts.queues[index].newCount,
    })),
  };
}
