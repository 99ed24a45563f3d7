import { Actor } from '../access/actor';
import { AgencyKind } from '../agencies/agency-kind';
import { Role } from '../users/role';

/**
 * Everything a request needs to know about its caller, in one round trip: the user with their
 * agency's kind, roles and districts, the session the token names, and (for coordinators) the
 * break-glass grants in force. Every authenticated request runs it, so it is one statement
 * over primary keys and the grants' (user_id, expires_at) index, with no cache: a revoked
 * session, a deactivated user, a changed role or an expired grant shows on the next request.
 *
 * The session must be open (revoked_at IS NULL) and belong to the token's subject; no row
 * means the token no longer stands for anyone. $3 is the application's clock, not now(), so
 * grants expire on the same time as every other rule; $4 the role break-glass is for
 * (BREAK_GLASS_ROLE), bound, not typed in.
 */
export const SIGN_IN_SQL = `
SELECT u.id,
       u.agency_id,
       u.active,
       a.kind::text AS agency_kind,
       u.roles::text[] AS roles,
       ARRAY(SELECT ud.district_id::text FROM user_districts ud WHERE ud.user_id = u.id ORDER BY ud.district_id)
         AS district_ids,
       s.id AS session_id,
       s.mfa_verified,
       ARRAY(SELECT json_build_object('grantId', g.id, 'concernId', g.resource_id, 'subjectId', g.subject_id)
               FROM break_glass_grants g
              WHERE g.user_id = u.id AND g.expires_at > $3 AND $4 = ANY (u.roles)
              ORDER BY g.expires_at)
         AS break_glass
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  JOIN agencies a ON a.id = u.agency_id
 WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`;

/** The only role whose break-glass grants a sign-in loads: a grant outlives a role taken away, and opens nothing then. */
export const BREAK_GLASS_ROLE: Role = 'coordinator';

/** One row of SIGN_IN_SQL, as node-postgres returns it. */
export interface SignInRow {
  id: string;
  agency_id: string;
  active: boolean;
  agency_kind: string;
  roles: string[];
  district_ids: string[];
  session_id: string;
  mfa_verified: boolean;
  break_glass: { grantId: string; concernId: string; subjectId: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The parameters of SIGN_IN_SQL for a token's subject and session, or null when they cannot
 * name a row (so a malformed claim is a refused token, never a database error).
 */
export function signInParameters(userId: unknown, sessionId: unknown, now: Date): [string, string, Date] | null {
  if (typeof userId !== 'string' || typeof sessionId !== 'string') return null;
  if (!UUID.test(userId) || !UUID.test(sessionId)) return null;
  return [sessionId, userId, now];
}

/** The caller a sign-in row describes, or null when there is no row or the user is deactivated. */
export function actorFromSignIn(row: SignInRow | undefined): Actor | null {
  if (!row?.active) return null;
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencyKind: row.agency_kind as AgencyKind,
    roles: row.roles as Role[],
    districtIds: row.district_ids,
    sessionId: row.session_id,
    mfaVerified: row.mfa_verified,
    breakGlass: row.break_glass,
  };
}
