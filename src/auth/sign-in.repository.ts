import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { actorFromSignIn, BREAK_GLASS_ROLE, SIGN_IN_SQL, SignInRow, signInParameters } from './sign-in';

/** Signing a request in: the caller of a token's subject and session, in one round trip (SIGN_IN_SQL). */
@Injectable()
export class SignInRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The caller, or null when the claims cannot name a row (asked nothing), there is no row, or
   * the user is deactivated. A database that cannot be asked throws.
   */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID, DummyValue.DATE] })
  async caller(userId: unknown, sessionId: unknown, now: Date): Promise<Actor | null> {
    const parameters = signInParameters(userId, sessionId, now);
    if (!parameters) return null;
    const [row]: SignInRow[] = await this.dataSource.query(SIGN_IN_SQL, [...parameters, BREAK_GLASS_ROLE]);
    return actorFromSignIn(row);
  }
}
