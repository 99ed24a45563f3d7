import { Action, CASE_SUBJECTS, defineAbilityFor, SubjectType } from './ability';
import { Role, ROLES } from '../users/role';

type Row = [Role[], Action, SubjectType, boolean];

const actor = (roles: Role[]) => ({ id: 'u1', agencyId: 'a1', districtIds: ['d1'], roles });

/** Who may do what, as of the directory and authentication foundation. */
const table: Row[] = [
  [['admin'], 'read', 'District', true],
  [['admin'], 'create', 'District', true],
  [['admin'], 'read', 'Agency', true],
  [['admin'], 'update', 'Agency', true],
  [['admin'], 'create', 'User', true],
  [['admin'], 'update', 'User', true],
  [['admin'], 'read', 'AuditEvent', false],
  [['auditor'], 'read', 'AuditEvent', true],
  // The auditor names the people and agencies the trail gives by id, and changes none of them.
  [['auditor'], 'read', 'User', true],
  [['auditor'], 'update', 'User', false],
  [['auditor'], 'create', 'District', false],
  [['coordinator'], 'read', 'User', false],
  [['coordinator'], 'create', 'Agency', false],
  [['coordinator'], 'read', 'AuditEvent', false],
  [['reporter'], 'read', 'District', false],
  [['case_worker'], 'update', 'User', false],
  [['forum_member'], 'read', 'Agency', false],
  ...ROLES.flatMap((role): Row[] => [
    [[role], 'read', 'Profile', true],
    [[role], 'manage', 'Credentials', true],
  ]),
];

describe('defineAbilityFor', () => {
  it.each(table)('%j may %s %s: %s', (roles, action, subject, allowed) => {
    expect(defineAbilityFor(actor(roles)).can(action, subject)).toBe(allowed);
  });

  // Separation of duties: neither oversight role reads case content, even if a case role slipped in.
  it.each(
    CASE_SUBJECTS.flatMap(
      (subject) =>
        [
          ['admin', subject],
          ['auditor', subject],
        ] as [Role, SubjectType][],
    ),
  )('%s never reads %s, whatever other role it holds', (oversight, subject) => {
    expect(defineAbilityFor(actor([oversight])).can('read', subject)).toBe(false);
    expect(defineAbilityFor(actor([oversight, 'coordinator', 'case_worker'])).can('read', subject)).toBe(false);
  });
});
