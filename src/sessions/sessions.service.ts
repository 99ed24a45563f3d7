import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';

export type RevocationReason = 'logout' | 'token_reuse' | 'deactivated';

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
  constructor(private readonly config: AppConfig) {}

  async start(manager: EntityManager, userId: string, mfaVerified: boolean): Promise<IssuedRefreshToken> {
    const session = await manager.save(
      manager.create(Session, { userId, mfaVerified, revokedAt: null, revokedReason: null }),
    );
    return { session, refreshToken: await this.issue(manager, session) };
  }

  /** Trades a refresh token for a new one. A token presented twice revokes its whole family. */
  async rotate(manager: EntityManager, presented: string): Promise<RotationResult> {
    // The row lock makes two concurrent uses of one token queue up: the second sees it used.
    const token = await manager.findOne(RefreshToken, {
      where: { tokenHash: hashToken(presented) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!token) return { kind: 'invalid' };
    const session = await manager.findOneBy(Session, { id: token.sessionId });
    if (!session || session.revokedAt) return { kind: 'invalid' };
    // Reuse is checked before expiry: a stolen token replayed late still ends its family.
    if (token.usedAt) {
      await this.revoke(manager, session.id, 'token_reuse');
      return { kind: 'reused', session };
    }
    if (token.expiresAt <= new Date()) return { kind: 'invalid' };
    await manager.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
    return { kind: 'rotated', session, refreshToken: await this.issue(manager, session) };
  }

  async revoke(manager: EntityManager, sessionId: string, reason: RevocationReason): Promise<void> {
    await manager.update(
      Session,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  async revokeAllOf(manager: EntityManager, userId: string, reason: RevocationReason): Promise<void> {
    await manager.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** A token lives REFRESH_TOKEN_TTL_HOURS, but never past the session's SESSION_MAX_HOURS: then one logs in again. */
  private async issue(manager: EntityManager, session: Session): Promise<string> {
    const refreshToken = randomBytes(32).toString('base64url');
    const idleEnd = Date.now() + this.config.get('REFRESH_TOKEN_TTL_HOURS') * 3600_000;
    const sessionEnd = session.createdAt.getTime() + this.config.get('SESSION_MAX_HOURS') * 3600_000;
    await manager.insert(RefreshToken, {
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Math.min(idleEnd, sessionEnd)),
      usedAt: null,
    });
    return refreshToken;
  }
}
