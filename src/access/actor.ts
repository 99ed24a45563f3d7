import { AgencyKind } from '../agencies/agency-kind';
import { Role } from '../users/role';

/** Who is calling: loaded fresh from the database on every request. */
export interface Actor {
  id: string;
  agencyId: string;
  agencyKind: AgencyKind;
  roles: Role[];
  districtIds: string[];
  sessionId: string;
  mfaVerified: boolean;
  /** Break-glass grants in force (DESIGN rule 7): read-only, one concern each. */
  breakGlass: { grantId: string; concernId: string; subjectId: string }[];
}
