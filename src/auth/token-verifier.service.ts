import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { SessionsService } from '../sessions/sessions.service';
import { UsersService } from '../users/users.service';
import { accessTokenChecks, hasLifetime, PresentedClaims } from './access-token';

/**
 * Turns access-token claims into the caller, loading user and session afresh so a
 * deactivated user or an ended session stops at once. Used by the Passport strategy, and
 * by the routes that live outside Nest's router (the queue dashboard).
 */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Signature (HS256 only), issuer, audience and a lifetime that has not ended, then the actor; null if any fails. */
  async actorFromToken(token: string): Promise<Actor | null> {
    try {
      const claims = await this.jwt.verifyAsync<PresentedClaims>(token, {
        secret: this.config.get('JWT_SECRET'),
        ...accessTokenChecks(this.config),
      });
      return await this.actorFor(claims);
    } catch {
      return null;
    }
  }

  async actorFor(claims: PresentedClaims): Promise<Actor | null> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !hasLifetime(claims)) return null;
    const [user, session] = await Promise.all([
      this.users.findWithDirectory(claims.sub),
      this.sessions.findOpen(claims.sid),
    ]);
    if (!user?.active || !user.agency || !session || session.userId !== user.id) return null;
    return {
      id: user.id,
      agencyId: user.agencyId,
      agencyKind: user.agency.kind,
      roles: user.roles,
      districtIds: (user.districts ?? []).map((district) => district.id),
      sessionId: session.id,
      mfaVerified: session.mfaVerified,
      breakGlass: user.roles.includes('coordinator') ? await this.grantsInForce(user.id) : [],
    };
  }

  private async grantsInForce(userId: string): Promise<Actor['breakGlass']> {
    const rows: { id: string; resource_id: string; subject_id: string }[] = await this.dataSource.query(
      'SELECT id, resource_id, subject_id FROM break_glass_grants WHERE user_id = $1 AND expires_at > $2',
      [userId, this.clock.now()],
    );
    return rows.map((row) => ({ grantId: row.id, concernId: row.resource_id, subjectId: row.subject_id }));
  }
}
