import { FieldProblem } from '../http/domain-errors';
import { DISTRICT_SCOPED_ROLES, Role } from './role';

const OVERSIGHT_ROLES: readonly Role[] = ['admin', 'auditor'];

/**
 * The directory's rules for a set of roles and districts. Separation of duties: whoever
 * administers the system or audits it holds no role that reads case content.
 */
export function roleProblems(roles: Role[], districtIds: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (roles.length === 0) problems.push({ field: 'roles', message: 'a user needs at least one role' });
  const oversight = roles.filter((role) => OVERSIGHT_ROLES.includes(role));
  const casework = roles.filter((role) => !OVERSIGHT_ROLES.includes(role));
  if (oversight.length > 0 && casework.length > 0) {
    problems.push({
      field: 'roles',
      message: `${oversight.join(' and ')} may not be combined with ${casework.join(', ')} (separation of duties)`,
    });
  }
  const scoped = roles.filter((role) => DISTRICT_SCOPED_ROLES.includes(role));
  if (scoped.length > 0 && districtIds.length === 0) {
    problems.push({ field: 'districtIds', message: `${scoped.join(' and ')} must be scoped to at least one district` });
  }
  return problems;
}
