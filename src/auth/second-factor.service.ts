import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError, DomainError, NotAuthenticatedError } from '../http/domain-errors';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccountLockedError, InvalidSecondFactorError } from './auth.errors';
import { TotpEnrolment } from './auth-view';
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
    private readonly users: UsersRepository,
    private readonly attempts: LoginAttemptsService,
    private readonly totp: TotpService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async enrol(actor: Actor): Promise<TotpEnrolment> {
    const secret = this.totp.newSecret();
    const user = await this.users.transaction(async (manager) => {
      const found = await this.currentUser(manager, actor, true);
      // Replacing a confirmed factor would let a stolen token take the account over.
      if (found.totpConfirmedAt)
        throw new ConflictError('A second factor is already set up; disable it first', 'totp-already-enabled');
      await this.users.updateSecondFactor(manager, found.id, {
        totpSecretEncrypted: this.totp.encrypt(secret),
        totpLastStep: null,
      });
      await this.record(manager, 'user.enrol_second_factor', found.id);
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
        await this.users.updateSecondFactor(manager, user.id, { totpConfirmedAt: this.clock.now() });
        await this.record(manager, 'user.confirm_second_factor', user.id);
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
        await this.users.updateSecondFactor(manager, user.id, {
          totpSecretEncrypted: null,
          totpConfirmedAt: null,
          totpLastStep: null,
        });
        await this.record(manager, 'user.disable_second_factor', user.id);
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
    const refusal = await this.users.transaction(async (manager): Promise<DomainError | null> => {
      // The account lock first, then the user: the order login takes them in, so the two cannot deadlock.
      const accountKey = this.attempts.accountKey((await this.currentUser(manager, actor)).email);
      await this.attempts.serialise(manager, accountKey);
      const user = await this.currentUser(manager, actor);
      const unmet = precondition(user);
      if (unmet) return unmet;
      const locked = await this.attempts.lockedUntil(manager, accountKey);
      if (locked) return new AccountLockedError(this.attempts.secondsUntil(locked));
      if (!(await this.totp.verifyAndClaim(manager, user, code))) {
        const lockedNow = await this.attempts.recordFailure(manager, accountKey, user, 'wrong_totp');
        return lockedNow
          ? new AccountLockedError(this.attempts.secondsUntil(lockedNow))
          : new InvalidSecondFactorError();
      }
      await change(manager, user);
      return null;
    });
    if (refusal) throw refusal;
  }

  private async currentUser(manager: EntityManager, actor: Actor, lockRow = false): Promise<User> {
    const user = await this.users.forAccount(manager, actor.id, lockRow);
    if (!user) throw new NotAuthenticatedError('Your account no longer exists');
    return user;
  }

  private mandatoryFor(user: User): boolean {
    const required = this.config.get('MFA_REQUIRED_ROLES');
    return this.config.get('MFA_ENFORCED') && user.roles.some((role) => required.includes(role));
  }

  private record(
    manager: EntityManager,
    action: 'user.enrol_second_factor' | 'user.confirm_second_factor' | 'user.disable_second_factor',
    userId: string,
  ): Promise<void> {
    return this.audit.record(manager, { action, resourceId: userId, outcome: 'allowed' });
  }
}
