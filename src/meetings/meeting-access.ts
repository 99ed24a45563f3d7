import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Action, AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { meetingFields } from '../access/shares';
import { entityColumns } from '../database/entity-columns';
import { Meeting } from './entities/meeting.entity';

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
