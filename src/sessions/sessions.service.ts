import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';

export type RevocationReason = 'logout' | 'token_reuse' | 'deactivated' | 'second_factor_reset';

export interface IssuedRefreshToken {
  session: Session;
  refreshToken: string;
}

export type RotationResult =
  | { kind: 'rotated'; session: Session; refreshToken: string }
  | { kind: 'reused'; session: Session }
  | { kind: 'invalid' };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions and their rotating refresh tokens. A refresh token is 256 random bits, stored
 * only as a SHA-256 hash (enough for a secret that cannot be guessed), and works once.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async start(manager: EntityManager, userId: string, mfaVerified: boolean): Promise<IssuedRefreshToken> {
    const session = await this.sessions.start(manager, userId, mfaVerified, this.clock.now());
    return { session, refreshToken: await this.issue(manager, session) };
  }

  /** Trades a refresh token for a new one. A token presented twice revokes its whole family. */
  async rotate(manager: EntityManager, presented: string): Promise<RotationResult> {
    // The row lock makes two concurrent uses of one token queue up: the second sees it used.
    const token = await this.sessions.lockRefreshToken(manager, hashToken(presented));
    if (!token) return { kind: 'invalid' };
    const session = await this.sessions.findSession(manager, token.sessionId);
    if (!session || session.revokedAt) return { kind: 'invalid' };
    // Reuse is checked before expiry: a stolen token replayed late still ends its family.
    if (token.usedAt) {
      await this.revoke(manager, session.id, 'token_reuse');
      return { kind: 'reused', session };
    }
    const now = this.clock.now();
    if (token.expiresAt <= now) return { kind: 'invalid' };
    await this.sessions.markUsed(manager, token.id, now);
    return { kind: 'rotated', session, refreshToken: await this.issue(manager, session) };
  }

  async revoke(manager: EntityManager, sessionId: string, reason: RevocationReason): Promise<void> {
    await this.sessions.revoke(manager, sessionId, reason, this.clock.now());
  }

  async revokeAllOf(manager: EntityManager, userId: string, reason: RevocationReason): Promise<void> {
    await this.sessions.revokeAllOf(manager, userId, reason, this.clock.now());
  }

  /** A token lives REFRESH_TOKEN_TTL_HOURS, but never past the session's SESSION_MAX_HOURS: then one logs in again. */
  private async issue(manager: EntityManager, session: Session): Promise<string> {
    const refreshToken = randomBytes(32).toString('base64url');
    const idleEnd = this.clock.now().getTime() + this.config.get('REFRESH_TOKEN_TTL_HOURS') * 3600_000;
    const sessionEnd = session.createdAt.getTime() + this.config.get('SESSION_MAX_HOURS') * 3600_000;
    await this.sessions.insertRefreshToken(manager, {
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Math.min(idleEnd, sessionEnd)),
    });
    return refreshToken;
  }
}
