import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { hasLifetime, JWT_ALGORITHM, PresentedClaims } from '../../src/auth/access-token';
import { Refusal } from './http';

/** The caller, as the API's token verifier builds it (src/auth/token-verifier.service.ts), plus what answers name. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  roles: string[];
  districtIds: string[];
  breakGlass: { grantId: string; concernId: string; subjectId: string }[];
}

/** What the roles allow, named once (src/access/ability.ts). */
export interface Standing {
  /** Logs concerns, reads its own (rule 2). */
  author: boolean;
  /** Reads what an open referral on a basis that holds shares with its agency (rule 4). */
  sharesReader: boolean;
  /** Works its agency's concerns (rule 2). */
  caseWorker: boolean;
  /** Its districts' concerns, referrals and meetings (rule 3). */
  coordinator: boolean;
  /** Auditors and admins: no case record at all (rule 8). */
  oversight: boolean;
}

export function standing(actor: Actor): Standing {
  const has = (role: string) => actor.roles.includes(role);
  const oversight = has('admin') || has('auditor');
  return {
    author: !oversight && (has('reporter') || has('case_worker') || has('coordinator')),
    sharesReader: !oversight && (has('reporter') || has('case_worker')),
    caseWorker: !oversight && has('case_worker'),
    coordinator: !oversight && has('coordinator'),
    oversight,
  };
}

/** User, agency, districts, session and break-glass grants: the whole sign-in in one statement. */
const SIGN_IN = `
SELECT u.id, u.name, u.email, u.agency_id, a.name AS agency_name, a.kind AS agency_kind, u.roles::text[] AS roles,
       ARRAY(SELECT ud.district_id FROM user_districts ud WHERE ud.user_id = u.id) AS district_ids,
       CASE WHEN 'coordinator' = ANY(u.roles) THEN
         ARRAY(SELECT json_build_object('grantId', g.id, 'concernId', g.resource_id, 'subjectId', g.subject_id)
                 FROM break_glass_grants g WHERE g.user_id = u.id AND g.expires_at > $3)
       ELSE '{}' END AS grants
  FROM users u
  JOIN agencies a ON a.id = u.agency_id
  JOIN sessions s ON s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL
 WHERE u.id = $1 AND u.active`;

export class SignIn {
  private readonly jwt = new JwtService({});

  constructor(
    private readonly pool: Pool,
    private readonly config: { secret: string; issuer: string; audience: string },
  ) {}

  /** The same checks as the API's: HS256, issuer, audience, expiry and a lifetime; then user and session, fresh. */
  async actor(authorization: string | undefined, now: Date): Promise<Actor> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    let claims: PresentedClaims | undefined;
    try {
      claims = token
        ? await this.jwt.verifyAsync<PresentedClaims>(token, {
            secret: this.config.secret,
            algorithms: [JWT_ALGORITHM],
            issuer: this.config.issuer,
            audience: this.config.audience,
          })
        : undefined;
    } catch {
      claims = undefined;
    }
    if (!claims || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !hasLifetime(claims)) {
      throw new Refusal(401, 'not-authenticated', 'A valid access token is required');
    }
    const { rows } = await this.pool.query({ name: 'sign-in', text: SIGN_IN, values: [claims.sub, claims.sid, now] });
    const row = rows[0];
    if (!row) throw new Refusal(401, 'not-authenticated', 'A valid access token is required');
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      agencyKind: row.agency_kind,
      roles: row.roles,
      districtIds: row.district_ids,
      breakGlass: row.grants,
    };
  }
}
