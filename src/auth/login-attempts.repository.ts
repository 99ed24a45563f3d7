import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { LoginAttempt } from './entities/login-attempt.entity';

const ACCOUNT_KEY = 'a'.repeat(64);

/** Credential checks per typed address; every method works in the caller's transaction. */
@Injectable()
export class LoginAttemptsRepository {
  /** Makes checks for one address wait for each other until the transaction ends. */
  @GenerateSql({ params: [DummyValue.tx, ACCOUNT_KEY] })
  async serialise(tx: EntityManager, accountKey: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [accountKey]);
  }

  /** The newest failures since the last success, newest first, at most `limit`. */
  @GenerateSql({ params: [DummyValue.tx, ACCOUNT_KEY, 5] })
  async recentFailures(tx: EntityManager, accountKey: string, limit: number): Promise<Date[]> {
    const rows: { attempted_at: Date }[] = await tx.query(
      `SELECT attempted_at FROM login_attempts
        WHERE account_key = $1 AND NOT succeeded
          AND attempted_at > COALESCE(
            (SELECT max(attempted_at) FROM login_attempts WHERE account_key = $1 AND succeeded), '-infinity')
        ORDER BY attempted_at DESC
        LIMIT $2`,
      [accountKey, limit],
    );
    return rows.map((row) => row.attempted_at);
  }

  @GenerateSql({ params: [DummyValue.tx, ACCOUNT_KEY, false] })
  async insert(tx: EntityManager, accountKey: string, succeeded: boolean): Promise<void> {
    await tx.insert(LoginAttempt, { accountKey, succeeded });
  }
}
