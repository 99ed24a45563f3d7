import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';

/** Sessions and their refresh tokens; every method works in the caller's transaction. */
@Injectable()
export class SessionsRepository {
  /** Started at the application's time, which its end (SESSION_MAX_HOURS) is judged by. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.BOOLEAN, DummyValue.DATE] })
  start(tx: EntityManager, userId: string, mfaVerified: boolean, startedAt: Date): Promise<Session> {
    return tx.save(
      tx.create(Session, { userId, mfaVerified, revokedAt: null, revokedReason: null, createdAt: startedAt }),
    );
  }

  @GenerateSql({
    params: [DummyValue.tx, { sessionId: DummyValue.UUID, tokenHash: 'a'.repeat(64), expiresAt: DummyValue.DATE }],
  })
  async insertRefreshToken(
    tx: EntityManager,
    token: Pick<RefreshToken, 'sessionId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await tx.insert(RefreshToken, { ...token, usedAt: null });
  }

  /** The row lock makes two concurrent uses of one token queue up: the second sees it used. */
  @GenerateSql({ params: [DummyValue.tx, 'a'.repeat(64)] })
  lockRefreshToken(tx: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return tx.findOne(RefreshToken, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  findSession(tx: EntityManager, id: string): Promise<Session | null> {
    return tx.findOneBy(Session, { id });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE] })
  async markUsed(tx: EntityManager, tokenId: string, at: Date): Promise<void> {
    await tx.update(RefreshToken, { id: tokenId }, { usedAt: at });
  }

  /** Ends one open session (an ended one keeps its first reason). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'logout', DummyValue.DATE] })
  async revoke(tx: EntityManager, sessionId: string, reason: string, at: Date): Promise<void> {
    await tx.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Ends every open session of a user. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'deactivated', DummyValue.DATE] })
  async revokeAllOf(tx: EntityManager, userId: string, reason: string, at: Date): Promise<void> {
    await tx.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }
}
