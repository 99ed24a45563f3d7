import { subject as asSubject } from '@casl/ability';
import { FieldProblem } from '../http/domain-errors';
import { Role } from '../users/role';
import { Meeting } from './entities/meeting.entity';
import type { Invitee } from './meetings.repository';

/** Roles that never sit in a case meeting (DESIGN rule 8). */
const NEVER_INVITED: Role[] = ['admin', 'auditor'];

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

/** Who may be invited: active users with a case role (never an admin or auditor); one problem per other id. */
export function inviteeProblems(userIds: string[], invitees: Invitee[]): FieldProblem[] {
  const byId = new Map(invitees.map((user) => [user.id, user]));
  const problems: FieldProblem[] = [];
  userIds.forEach((id, index) => {
    const user = byId.get(id);
    if (!user?.active) problems.push({ field: `participantIds[${index}]`, message: 'no active user with this id' });
    else if (user.roles.some((role) => NEVER_INVITED.includes(role)))
      problems.push({
        field: `participantIds[${index}]`,
        message: 'administrators and auditors do not sit in case meetings',
      });
  });
  return problems;
}
