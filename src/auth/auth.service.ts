import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError } from '../http/domain-errors';
import { SessionsService } from '../sessions/sessions.service';
import { PasswordHasher } from '../users/password-hasher.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccessTokenClaims, JWT_ALGORITHM } from './access-token';
import {
  AccountLockedError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  InvalidSecondFactorError,
  SecondFactorRequiredError,
} from './auth.errors';
import { TokenPairDto, TotpEnrolmentDto } from './dto/auth.dto';
import { LoginAttemptsService } from './login-attempts.service';
import { TotpService } from './totp.service';

const auditActorOf = (user: Pick<User, 'id' | 'agencyId' | 'roles'>): AuditActor => ({
  id: user.id,
  agencyId: user.agencyId,
  roles: user.roles,
});

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionsService,
    private readonly totp: TotpService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * The password check behind login. Every outcome is audited; failures count towards the
   * lockout; an unknown address costs the same time and gets the same answer as a wrong password.
   */
  async verifyCredentials(email: string, password: string, totpCode: string | undefined): Promise<User> {
    const accountKey = this.attempts.accountKey(email);
    const user = await this.users.findByEmail(email);
    const lockedUntil = await this.attempts.lockedUntil(accountKey);
    if (lockedUntil) {
      await this.recordLoginEvent('auth.login.locked', user, 'denied', 'info');
      throw new AccountLockedError(Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    }

    const passwordMatches = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordMatches || !user.active) {
      const reason = !user ? 'unknown_account' : !passwordMatches ? 'wrong_password' : 'inactive_account';
      await this.fail(accountKey, user, reason);
      throw new InvalidCredentialsError();
    }

    if (user.totpConfirmedAt) {
      if (!totpCode) throw new SecondFactorRequiredError();
      const step = this.totp.matchingStep(this.totp.decrypt(user.totpSecretEncrypted!), totpCode, this.lastStep(user));
      if (step === null) {
        await this.fail(accountKey, user, 'wrong_totp');
        throw new InvalidSecondFactorError();
      }
      await this.dataSource.getRepository(User).update({ id: user.id }, { totpLastStep: String(step) });
    }
    await this.attempts.record(accountKey, true);
    return user;
  }

  async login(user: User): Promise<TokenPairDto> {
    return this.dataSource.transaction(async (manager) => {
      const { session, refreshToken } = await this.sessions.start(manager, user.id, user.totpConfirmedAt !== null);
      await this.audit.record(manager, {
        action: 'auth.login',
        resourceType: 'Session',
        resourceId: session.id,
        outcome: 'allowed',
        actor: auditActorOf(user),
        details: { mfa: session.mfaVerified },
      });
      return this.tokenPair(user.id, session.id, refreshToken);
    });
  }

  async refresh(presented: string): Promise<TokenPairDto> {
    // The revocation on reuse must commit even though the caller gets a 401.
    const outcome = await this.dataSource.transaction(async (manager) => {
      const result = await this.sessions.rotate(manager, presented);
      if (result.kind === 'invalid') return null;
      const user = await this.users.findWithDirectory(result.session.userId);
      if (!user) return null;
      if (result.kind === 'reused') {
        await this.audit.record(manager, {
          action: 'auth.refresh.reused',
          resourceType: 'Session',
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
        action: 'auth.refresh',
        resourceType: 'Session',
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
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(manager, actor.sessionId, 'logout');
      await this.audit.record(manager, { action: 'auth.logout', resourceType: 'Session', resourceId: actor.sessionId, outcome: 'allowed' });
    });
  }

  async enrolTotp(actor: Actor): Promise<TotpEnrolmentDto> {
    const user = await this.mustLoad(actor.id);
    if (user.totpConfirmedAt) throw new ConflictError('A second factor is already set up; disable it first', 'totp-already-enabled');
    const secret = this.totp.newSecret();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { totpSecretEncrypted: this.totp.encrypt(secret), totpLastStep: null });
      await this.audit.record(manager, { action: 'auth.totp.enrolment_started', resourceType: 'User', resourceId: user.id, outcome: 'allowed' });
    });
    return { secret, otpauthUrl: this.totp.otpauthUrl(user.email, secret) };
  }

  async confirmTotp(actor: Actor, code: string): Promise<void> {
    const user = await this.mustLoad(actor.id);
    if (user.totpConfirmedAt) throw new ConflictError('The second factor is already confirmed', 'totp-already-enabled');
    if (!user.totpSecretEncrypted) throw new BusinessRuleError('Start enrolment first', 'totp-not-enrolled');
    const step = await this.checkCode(user, code, 'auth.totp.confirm_failed');
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { totpConfirmedAt: new Date(), totpLastStep: String(step) });
      await this.sessions.markMfaVerified(manager, actor.sessionId);
      await this.audit.record(manager, { action: 'auth.totp.confirmed', resourceType: 'User', resourceId: user.id, outcome: 'allowed' });
    });
  }

  async disableTotp(actor: Actor, code: string): Promise<void> {
    const user = await this.mustLoad(actor.id);
    if (!user.totpConfirmedAt || !user.totpSecretEncrypted) throw new BusinessRuleError('No second factor is set up', 'totp-not-enabled');
    if (this.secondFactorMandatoryFor(user)) {
      throw new BusinessRuleError('Your role requires a second factor, so it cannot be disabled', 'totp-required-by-role');
    }
    await this.checkCode(user, code, 'auth.totp.disable_failed');
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { totpSecretEncrypted: null, totpConfirmedAt: null, totpLastStep: null });
      await this.audit.record(manager, { action: 'auth.totp.disabled', resourceType: 'User', resourceId: user.id, outcome: 'allowed' });
    });
  }

  private secondFactorMandatoryFor(user: User): boolean {
    const required = this.config.get('MFA_REQUIRED_ROLES');
    return this.config.get('MFA_ENFORCED') && user.roles.some((role) => required.includes(role));
  }

  private async checkCode(user: User, code: string, failureAction: string): Promise<number> {
    const step = this.totp.matchingStep(this.totp.decrypt(user.totpSecretEncrypted!), code, this.lastStep(user));
    if (step === null) {
      await this.audit.record(this.dataSource.manager, { action: failureAction, resourceType: 'User', resourceId: user.id, outcome: 'denied' });
      throw new InvalidSecondFactorError();
    }
    return step;
  }

  private lastStep(user: User): number | null {
    return user.totpLastStep === null ? null : Number(user.totpLastStep);
  }

  private async mustLoad(id: string): Promise<User> {
    const user = await this.users.findWithDirectory(id);
    if (!user) throw new InvalidCredentialsError();
    return user;
  }

  /** Records a failure; the one that reaches the threshold locks the account and says so. */
  private async fail(accountKey: string, user: User | null, reason: string): Promise<void> {
    await this.attempts.record(accountKey, false);
    await this.recordLoginEvent('auth.login.failed', user, 'denied', 'info', { reason });
    const lockedUntil = await this.attempts.lockedUntil(accountKey);
    if (lockedUntil) {
      await this.recordLoginEvent('auth.lockout', user, 'denied', 'high');
      throw new AccountLockedError(Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    }
  }

  private recordLoginEvent(
    action: string,
    user: User | null,
    outcome: 'allowed' | 'denied',
    severity: 'info' | 'high',
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(this.dataSource.manager, {
      action,
      resourceType: 'Account',
      resourceId: user?.id ?? null,
      outcome,
      severity,
      actor: user ? auditActorOf(user) : { id: null, agencyId: null, roles: [] },
      details,
    });
  }

  private tokenPair(userId: string, sessionId: string, refreshToken: string): TokenPairDto {
    const expiresIn = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = this.jwt.sign(claims, {
      algorithm: JWT_ALGORITHM,
      expiresIn,
      issuer: this.config.get('JWT_ISSUER'),
      audience: this.config.get('JWT_AUDIENCE'),
      secret: this.config.get('JWT_SECRET'),
    });
    return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
