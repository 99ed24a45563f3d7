import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor } from '../../access/actor';
import { AppConfig } from '../../config/app-config.service';
import { SessionsService } from '../../sessions/sessions.service';
import { UsersService } from '../../users/users.service';
import { AccessTokenClaims, JWT_ALGORITHM } from '../access-token';

/**
 * Checks signature (HS256 only, so `alg: none` and key confusion fail), issuer, audience
 * and expiry; then loads the user and session afresh, so a deactivated user or an ended
 * session stops working at once rather than when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('JWT_SECRET'),
      algorithms: [JWT_ALGORITHM],
      issuer: config.get('JWT_ISSUER'),
      audience: config.get('JWT_AUDIENCE'),
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor | false> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return false;
    const [user, session] = await Promise.all([
      this.users.findWithDirectory(claims.sub),
      this.sessions.findOpen(claims.sid),
    ]);
    if (!user?.active || !user.agency || !session || session.userId !== user.id) return false;
    return {
      id: user.id,
      agencyId: user.agencyId,
      agencyKind: user.agency.kind,
      roles: user.roles,
      districtIds: (user.districts ?? []).map((district) => district.id),
      sessionId: session.id,
      mfaVerified: session.mfaVerified,
    };
  }
}
