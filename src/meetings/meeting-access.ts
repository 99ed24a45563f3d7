import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Action, AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { accessSql } from '../access/access-sql';
import { concernKnownSql } from '../access/concern-knowledge';
import { meetingFields } from '../access/shares';
import { Concern } from '../concerns/concern.entity';
import { entityColumns } from '../database/entity-columns';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting } from './entities/meeting.entity';

/** Far more than any real trail of action items; a trail this long is not followed further, and hides its item. */
const MAX_TRAIL = 50;

/** The meetings the caller may act on this way, as a query (participants, their users and agencies joined). */
export function meetingsQuery(
  dataSource: DataSource,
  manager: EntityManager,
  ability: AppAbility,
  action: Action = 'read',
): SelectQueryBuilder<Meeting> {
  const access = accessSql(ability, action, 'Meeting', {
    alias: 'meeting',
    columns: { ...entityColumns(dataSource, Meeting), ...meetingFields('meeting') },
  });
  return manager
    .getRepository(Meeting)
    .createQueryBuilder('meeting')
    .innerJoinAndSelect('meeting.district', 'district')
    .leftJoinAndSelect('meeting.participants', 'participant')
    .leftJoinAndSelect('participant.user', 'participantUser')
    .leftJoinAndSelect('participantUser.agency', 'participantAgency')
    .where(access.sql, access.params);
}

/** A loaded meeting as the CASL rules see it. */
export function meetingSubject(meeting: Meeting) {
  return asSubject('Meeting', {
    districtId: meeting.districtId,
    participantIds: (meeting.participants ?? []).map((participant) => participant.userId),
  });
}

export function hasStarted(meeting: Pick<Meeting, 'startsAt'>, now: Date): boolean {
  return meeting.startsAt.getTime() <= now.getTime();
}

/**
 * Every step from each agenda item of the meeting to the case it is about. An item names its
 * concern, its referral (whose concern it is) or its follow-up (whose referral's concern it is). An
 * action item decided on an earlier agenda item has no referral of its own: its case is that
 * item's, so the trail goes on through the minute that made it, as far as it leads.
 */
const TRAIL_SQL = `WITH RECURSIVE "trail"("item_id", "step_id", "depth") AS (
    SELECT "start"."id", "start"."id", 0 FROM agenda_items "start" WHERE "start"."meeting_id" = :trailMeetingId
  UNION ALL
    SELECT "trail"."item_id", "decided"."agenda_item_id", "trail"."depth" + 1
      FROM "trail"
      JOIN agenda_items "via" ON "via"."id" = "trail"."step_id"
      JOIN follow_ups "task" ON "task"."id" = "via"."follow_up_id"
      JOIN meeting_minutes "decided" ON "decided"."id" = "task"."minute_id"
     WHERE "task"."referral_id" IS NULL AND "decided"."agenda_item_id" IS NOT NULL AND "trail"."depth" < ${MAX_TRAIL}
)`;

/**
 * The agenda items of a meeting this reader may see, as one query (DESIGN rules 3 and 5): an item
 * about a case only where the reader may know that case exists (`concernKnownSql`), an item about
 * none (a coordinator's note, a task of no case) for everyone invited. Any other item is absent from
 * their agenda, their printed copy and their minutes — not redacted, absent. A step that names a
 * record that cannot be found hides the item: unknown is not public. The hidden items are found in
 * one uncorrelated subquery, so the shares are looked up once per reading, not once per item.
 */
export function readableAgendaItemsQuery(
  dataSource: DataSource,
  manager: EntityManager,
  reader: Pick<Actor, 'agencyId'>,
  ability: AppAbility,
  meetingId: string,
  now: Date,
): SelectQueryBuilder<AgendaItem> {
  const known = concernKnownSql(
    ability,
    reader,
    { alias: 'itemCase', columns: entityColumns(dataSource, Concern) },
    now,
  );
  const hiddenItems = `${TRAIL_SQL}
    SELECT "trail"."item_id" FROM "trail"
      JOIN agenda_items "step" ON "step"."id" = "trail"."step_id"
      LEFT JOIN follow_ups "stepTask" ON "stepTask"."id" = "step"."follow_up_id"
      LEFT JOIN referrals "stepReferral" ON "stepReferral"."id" = COALESCE("step"."referral_id", "stepTask"."referral_id")
      LEFT JOIN concerns "itemCase" ON "itemCase"."id" = COALESCE("step"."concern_id", "stepReferral"."concern_id")
     WHERE ("step"."follow_up_id" IS NOT NULL AND "stepTask"."id" IS NULL)
        OR "trail"."depth" >= ${MAX_TRAIL}
        OR (COALESCE("step"."concern_id", "step"."referral_id", "stepTask"."referral_id") IS NOT NULL
            AND ("itemCase"."id" IS NULL OR NOT ${known.sql}))`;
  return manager
    .getRepository(AgendaItem)
    .createQueryBuilder('item')
    .where('item.meetingId = :meetingId', { meetingId })
    .andWhere(`item.id NOT IN (${hiddenItems})`, { ...known.params, trailMeetingId: meetingId });
}
