import { Role } from '../users/role';
import { CaseTeam, mayOwnFollowUp } from './follow-up-owner';

const team: CaseTeam = { agencyIds: ['welfare'], districtIds: ['east'] };

describe('who may own a follow-up', () => {
  it.each<[string, string, Role[], string[], boolean]>([
    ['a case worker of the case’s agency', 'welfare', ['case_worker'], [], true],
    ['a reporter of the case’s agency', 'welfare', ['reporter'], [], true],
    ['a coordinator of the case’s district, of another agency', 'city', ['coordinator'], ['east'], true],
    ['a coordinator of another district', 'city', ['coordinator'], ['west'], false],
    ['a police officer of another district', 'police-west', ['case_worker', 'reporter'], [], false],
    ['a forum member of the district, of another agency', 'school', ['forum_member'], ['east'], false],
    ['a case worker of another agency in the district', 'school', ['case_worker'], ['east'], false],
    ['an administrator of the case’s agency', 'welfare', ['admin'], [], false],
    ['an auditor of the case’s agency', 'welfare', ['auditor'], [], false],
  ])('%s: %s', (_who, agencyId, roles, districtIds, allowed) => {
    expect(mayOwnFollowUp({ agencyId, roles, districtIds }, team)).toBe(allowed);
  });
});
