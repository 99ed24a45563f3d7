import { ApiProperty } from '@nestjs/swagger';
import { MEETING_KINDS, MeetingKind } from '../../meetings/meeting-vocabulary';

export class QueueCountDto {
  @ApiProperty({ format: 'uuid', description: 'The pinned saved filter' })
  savedFilterId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Concerns the filter shows the caller' })
  count!: number;

  @ApiProperty({ description: 'Of those, logged or changed since the caller last looked (all of them if never)' })
  newCount!: number;
}

export class NextMeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;
}

/** What is the caller's to do now: the home page's counts. */
export class WorkDto {
  @ApiProperty()
  unreadNotifications!: number;

  @ApiProperty({ description: 'Open follow-ups the caller owns, due within a day or overdue' })
  followUpsDue!: number;

  @ApiProperty({ description: 'Of those, past their due time' })
  followUpsOverdue!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Untriaged concerns of the districts the caller coordinates; null for a caller who triages nothing',
  })
  intake!: number | null;

  @ApiProperty({ description: 'Referrals to the caller’s agency waiting to be accepted or declined' })
  referralsWaiting!: number;

  @ApiProperty({
    description: 'Of those, the ones nobody of the caller’s agency has opened yet',
  })
  referralsUnseen!: number;

  @ApiProperty({
    description:
      'New in the caller’s referral inbox: referrals to their agency pending and unopened, or sent or changed since the caller last looked at the inbox (`GET /me/inboxes/referrals`)',
  })
  referralsNew!: number;

  @ApiProperty({ type: NextMeetingDto, nullable: true, description: 'The next meeting the caller is invited to' })
  nextMeeting!: NextMeetingDto | null;

  @ApiProperty({ type: [QueueCountDto], description: 'Each pinned saved filter, oldest first' })
  queues!: QueueCountDto[];
}
