import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config.service';
import { DomainError } from '../http/domain-errors';
import { SessionsService } from '../sessions/sessions.service';
import { PasswordHasher } from '../users/password-hasher.service';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenClaims, accessTokenKey, JWT_ALGORITHM } from './access-token';
import {
  AccountLockedError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  InvalidSecondFactorError,
  SecondFactorRequiredError,
} from './auth.errors';
import { TokenPair } from './auth-view';
import { auditActorOf, LoginAttemptsService } from './login-attempts.service';
import { TotpService } from './totp.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionsService,
    private readonly totp: TotpService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * The credential check behind login, in one transaction per typed address: attempts for
   * one address queue up, so the lockout counts every guess. An unknown address costs the
   * same time and gets the same answer as a wrong password. Refusals are thrown only after
   * the commit, so the attempts and their audit events are kept.
   */
  async verifyCredentials(email: string, password: string, totpCode: string | undefined): Promise<User> {
    const outcome = await this.users.transaction((manager) =>
      this.checkCredentials(manager, email, password, totpCode),
    );
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  private async checkCredentials(
    manager: EntityManager,
    email: string,
    password: string,
    totpCode?: string,
  ): Promise<User | DomainError> {
    const accountKey = this.attempts.accountKey(email);
    await this.attempts.serialise(manager, accountKey);
    const user = await this.users.forCredentials(manager, email.trim().toLowerCase());
    const locked = await this.attempts.lockedUntil(manager, accountKey);
    if (locked) {
      await this.attempts.recordEvent(manager, 'session.create', user, 'info', { reason: 'locked' });
      return new AccountLockedError(this.attempts.secondsUntil(locked));
    }

    const passwordMatches = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordMatches || !user.active) {
      const reason = !user ? 'unknown_account' : !passwordMatches ? 'wrong_password' : 'inactive_account';
      const lockedNow = await this.attempts.recordFailure(manager, accountKey, user, reason);
      return lockedNow ? new AccountLockedError(this.attempts.secondsUntil(lockedNow)) : new InvalidCredentialsError();
    }

    if (user.totpConfirmedAt) {
      if (!totpCode) {
        // Not counted towards the lockout: clients commonly ask for the code only after this answer.
        await this.attempts.recordEvent(manager, 'session.create', user, 'info', { reason: 'totp_missing' });
        return new SecondFactorRequiredError();
      }
      if (!(await this.totp.verifyAndClaim(manager, user, totpCode))) {
        const lockedNow = await this.attempts.recordFailure(manager, accountKey, user, 'wrong_totp');
        return lockedNow
          ? new AccountLockedError(this.attempts.secondsUntil(lockedNow))
          : new InvalidSecondFactorError();
      }
    }
    await this.attempts.recordSuccess(manager, accountKey);
    return user;
  }

  async login(user: User): Promise<TokenPair> {
    return this.users.transaction(async (manager) => {
      const { session, refreshToken } = await this.sessions.start(manager, user.id, user.totpConfirmedAt !== null);
      await this.audit.record(manager, {
        action: 'session.create',
        resourceId: session.id,
        outcome: 'allowed',
        actor: auditActorOf(user),
        details: { mfa: session.mfaVerified },
      });
      return this.tokenPair(user.id, session.id, refreshToken);
    });
  }

  async refresh(presented: string): Promise<TokenPair> {
    // The revocation on reuse must commit even though the caller gets a 401.
    const outcome = await this.users.transaction(async (manager) => {
      const result = await this.sessions.rotate(manager, presented);
      if (result.kind === 'invalid') return null;
      const user = await this.users.forAccount(manager, result.session.userId);
      if (!user) return null;
      if (result.kind === 'reused') {
        await this.audit.record(manager, {
          action: 'session.refresh',
          resourceId: result.session.id,
          outcome: 'denied',
          severity: 'high',
          actor: auditActorOf(user),
          details: { revoked: 'session' },
        });
        return null;
      }
      if (!user.active) return null;
      await this.audit.record(manager, {
        action: 'session.refresh',
        resourceId: result.session.id,
        outcome: 'allowed',
        actor: auditActorOf(user),
      });
      return this.tokenPair(user.id, result.session.id, result.refreshToken);
    });
    if (!outcome) throw new InvalidRefreshTokenError();
    return outcome;
  }

  async logout(actor: Actor): Promise<void> {
    await this.users.transaction(async (manager) => {
      await this.sessions.revoke(manager, actor.sessionId, 'logout');
      await this.audit.record(manager, {
        action: 'session.end',
        resourceId: actor.sessionId,
        outcome: 'allowed',
      });
    });
  }

  private tokenPair(userId: string, sessionId: string, refreshToken: string): TokenPair {
    const expiresIn = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = this.jwt.sign(claims, {
      algorithm: JWT_ALGORITHM,
      expiresIn,
      issuer: this.config.get('JWT_ISSUER'),
      audience: this.config.get('JWT_AUDIENCE'),
      secret: accessTokenKey(this.config),
    });
    return { accessToken, refreshToken, expiresIn };
  }
}
