import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor } from '../access/actor';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { accessTokenChecks, accessTokenKey, hasLifetime, PresentedClaims } from './access-token';
import { SignInRepository } from './sign-in.repository';

/**
 * Turns access-token claims into the caller, loading user, session and grants afresh (one
 * query) so a deactivated user or an ended session stops at once. Used by the Passport
 * strategy, and by the routes that live outside Nest's router (the queue dashboard).
 */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly signIn: SignInRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Signature (HS256 only), issuer, audience and a lifetime that has not ended, then the actor;
   * null if any fails. A database that cannot be asked is not a bad token: that error is
   * thrown (and answered 503), never turned into null.
   */
  async actorFromToken(token: string): Promise<Actor | null> {
    let claims: PresentedClaims;
    try {
      claims = await this.jwt.verifyAsync<PresentedClaims>(token, {
        secret: accessTokenKey(this.config),
        ...accessTokenChecks(this.config),
      });
    } catch {
      return null;
    }
    return this.actorFor(claims);
  }

  /** The caller of a sign-in session still live (the queue dashboard's cookie names one); null once it ended. */
  actorForSession(userId: string, sessionId: string): Promise<Actor | null> {
    return this.signIn.caller(userId, sessionId, this.clock.now());
  }

  async actorFor(claims: PresentedClaims): Promise<Actor | null> {
    if (!hasLifetime(claims)) return null;
    return this.signIn.caller(claims.sub, claims.sid, this.clock.now());
  }
}
