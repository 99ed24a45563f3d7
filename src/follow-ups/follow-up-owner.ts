import { Role } from '../users/role';

/** Who could be given a follow-up, as the directory has them. */
export interface OwnerCandidate {
  agencyId: string;
  roles: readonly Role[];
  districtIds: readonly string[];
}

/** The people a follow-up's case belongs to: whose staff may own it, and whose coordinators may. */
export interface CaseTeam {
  agencyIds: readonly string[];
  districtIds: readonly string[];
}

/**
 * A follow-up's text reaches its owner, so only someone who may work the case may own it: staff
 * of the case's agency, or a coordinator of its district. Administrators and auditors never
 * own case work (separation of duties), whatever their agency.
 */
export function mayOwnFollowUp(owner: OwnerCandidate, team: CaseTeam): boolean {
  if (owner.roles.every((role) => role === 'admin' || role === 'auditor')) return false;
  if (team.agencyIds.includes(owner.agencyId)) return true;
  return owner.roles.includes('coordinator') && owner.districtIds.some((id) => team.districtIds.includes(id));
}
