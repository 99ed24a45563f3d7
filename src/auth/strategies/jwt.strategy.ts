import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor } from '../../access/actor';
import { AppConfig } from '../../config/app-config.service';
import { accessTokenChecks, accessTokenKey, PresentedClaims } from '../access-token';
import { TokenVerifier } from '../token-verifier.service';

/**
 * Checks signature (HS256 only, so `alg: none` and key confusion fail), issuer, audience
 * and expiry; then the token verifier requires a lifetime and loads the user and session
 * afresh, so a deactivated user or an ended session stops working at once rather than when
 * the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly tokens: TokenVerifier,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: accessTokenKey(config),
      ...accessTokenChecks(config),
      ignoreExpiration: false,
    });
  }

  async validate(claims: PresentedClaims): Promise<Actor | false> {
    return (await this.tokens.actorFor(claims)) ?? false;
  }
}
