import { roleProblems } from './role-rules';
import { Role } from './role';

describe('roleProblems', () => {
  it.each<[string, Role[], string[], string[]]>([
    ['a reporter without districts', ['reporter'], [], []],
    ['a coordinator with a district', ['coordinator'], ['d1'], []],
    ['a coordinator without a district', ['coordinator'], [], ['districtIds']],
    ['a forum member without a district', ['forum_member'], [], ['districtIds']],
    ['no roles', [], [], ['roles']],
    ['an admin', ['admin'], [], []],
    ['an admin who is also a coordinator', ['admin', 'coordinator'], ['d1'], ['roles']],
    ['an auditor who is also a case worker', ['auditor', 'case_worker'], [], ['roles']],
    ['an admin who is also an auditor', ['admin', 'auditor'], [], []],
  ])('%s', (_, roles, districtIds, fields) => {
    expect(roleProblems(roles, districtIds).map((problem) => problem.field)).toEqual(fields);
  });
});
