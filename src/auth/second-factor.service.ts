import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError, DomainError, NotAuthenticatedError } from '../http/domain-errors';
import { User } from '../users/user.entity';
import { AccountLockedError, InvalidSecondFactorError } from './auth.errors';
import { TotpEnrolmentDto } from './dto/auth.dto';
import { LoginAttemptsService } from './login-attempts.service';
import { TotpService } from './totp.service';

/**
 * Enrolling, confirming and disabling a TOTP second factor. A wrong code here counts
 * towards the account's lockout like a wrong password, so a stolen access token cannot
 * be used to guess codes.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: LoginAttemptsService,
    private readonly totp: TotpService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async enrol(actor: Actor): Promise<TotpEnrolmentDto> {
    const secret = this.totp.newSecret();
    const user = await this.dataSource.transaction(async (manager) => {
      const found = await this.currentUser(manager, actor, true);
      // Replacing a confirmed factor would let a stolen token take the account over.
      if (found.totpConfirmedAt)
        throw new ConflictError('A second factor is already set up; disable it first', 'totp-already-enabled');
      await manager.update(
        User,
        { id: found.id },
        { totpSecretEncrypted: this.totp.encrypt(secret), totpLastStep: null },
      );
      await this.record(manager, 'auth.totp.enrolment_started', found.id);
      return found;
    });
    return { secret, otpauthUrl: this.totp.otpauthUrl(user.email, secret) };
  }

  /** Confirms enrolment; the factor is required from the next login on. */
  async confirm(actor: Actor, code: string): Promise<void> {
    await this.withCode(
      actor,
      code,
      async (manager, user) => {
        await manager.update(User, { id: user.id }, { totpConfirmedAt: new Date() });
        await this.record(manager, 'auth.totp.confirmed', user.id);
      },
      (user) => {
        if (user.totpConfirmedAt)
          return new ConflictError('The second factor is already confirmed', 'totp-already-enabled');
        if (!user.totpSecretEncrypted) return new BusinessRuleError('Start enrolment first', 'totp-not-enrolled');
        return null;
      },
    );
  }

  async disable(actor: Actor, code: string): Promise<void> {
    await this.withCode(
      actor,
      code,
      async (manager, user) => {
        await manager.update(
          User,
          { id: user.id },
          { totpSecretEncrypted: null, totpConfirmedAt: null, totpLastStep: null },
        );
        await this.record(manager, 'auth.totp.disabled', user.id);
      },
      (user) => {
        if (!user.totpConfirmedAt) return new BusinessRuleError('No second factor is set up', 'totp-not-enabled');
        if (this.mandatoryFor(user)) {
          return new BusinessRuleError(
            'Your role requires a second factor, so it cannot be disabled',
            'totp-required-by-role',
          );
        }
        return null;
      },
    );
  }

  /**
   * Runs `change` if `code` is right, all in one transaction serialised on the account.
   * Refusals are thrown after the commit, so a failed attempt and its audit event stay.
   */
  private async withCode(
    actor: Actor,
    code: string,
    change: (manager: EntityManager, user: User) => Promise<void>,
    precondition: (user: User) => DomainError | null,
  ): Promise<void> {
    const refusal = await this.dataSource.transaction(async (manager): Promise<DomainError | null> => {
      // The account lock first, then the user: the order login takes them in, so the two cannot deadlock.
      const accountKey = this.attempts.accountKey((await this.currentUser(manager, actor)).email);
      await this.attempts.serialise(manager, accountKey);
      const user = await this.currentUser(manager, actor);
      const unmet = precondition(user);
      if (unmet) return unmet;
      const locked = await this.attempts.lockedUntil(manager, accountKey);
      if (locked) return new AccountLockedError(Math.ceil((locked.getTime() - Date.now()) / 1000));
      if (!(await this.totp.verifyAndClaim(manager, user, code))) {
        const lockedNow = await this.attempts.recordFailure(manager, accountKey, user, 'wrong_totp');
        return lockedNow
          ? new AccountLockedError(Math.ceil((lockedNow.getTime() - Date.now()) / 1000))
          : new InvalidSecondFactorError();
      }
      await change(manager, user);
      return null;
    });
    if (refusal) throw refusal;
  }

  private async currentUser(manager: EntityManager, actor: Actor, lockRow = false): Promise<User> {
    const user = await manager.findOne(User, {
      where: { id: actor.id },
      ...(lockRow ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!user) throw new NotAuthenticatedError('Your account no longer exists');
    return user;
  }

  private mandatoryFor(user: User): boolean {
    const required = this.config.get('MFA_REQUIRED_ROLES');
    return this.config.get('MFA_ENFORCED') && user.roles.some((role) => required.includes(role));
  }

  private record(manager: EntityManager, action: string, userId: string): Promise<void> {
    return this.audit.record(manager, { action, resourceType: 'User', resourceId: userId, outcome: 'allowed' });
  }
}
