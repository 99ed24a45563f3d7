import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { User } from '../users/user.entity';
import { LOCKOUT_THRESHOLD, lockedUntil } from './lockout';
import { LoginAttemptsRepository } from './login-attempts.repository';

export const auditActorOf = (user: Pick<User, 'id' | 'agencyId' | 'roles'> | null): AuditActor =>
  user ? { id: user.id, agencyId: user.agencyId, roles: user.roles } : { id: null, agencyId: null, roles: [] };

/**
 * Counts credential checks per typed address, whether or not an account has it, and keeps
 * the lockout. Every method works in the caller's transaction; `serialise` makes checks for
 * one address wait for each other, so parallel guesses cannot slip past the count.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly key: Buffer;

  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.get('JWT_SECRET'), 'samvirke', 'login-attempt-account-key', 32));
  }

  accountKey(email: string): string {
    return createHmac('sha256', this.key).update(email.trim().toLowerCase()).digest('hex');
  }

  async serialise(manager: EntityManager, accountKey: string): Promise<void> {
    await this.attempts.serialise(manager, accountKey);
  }

  async lockedUntil(manager: EntityManager, accountKey: string): Promise<Date | null> {
    return lockedUntil(await this.attempts.recentFailures(manager, accountKey, LOCKOUT_THRESHOLD), this.clock.now());
  }

  /** Whole seconds from now until a lock ends: the Retry-After of a refusal. */
  secondsUntil(until: Date): number {
    return Math.ceil((until.getTime() - this.clock.now().getTime()) / 1000);
  }

  async recordSuccess(manager: EntityManager, accountKey: string): Promise<void> {
    await this.attempts.insert(manager, accountKey, true);
  }

  /** Records a failed check and its audit event; returns when the account is now locked until, if it is. */
  async recordFailure(
    manager: EntityManager,
    accountKey: string,
    user: User | null,
    reason: string,
  ): Promise<Date | null> {
    await this.attempts.insert(manager, accountKey, false);
    await this.recordEvent(manager, 'session.create', user, 'info', { reason });
    const until = await this.lockedUntil(manager, accountKey);
    if (until) await this.recordEvent(manager, 'user.lock', user, 'high');
    return until;
  }

  recordEvent(
    manager: EntityManager,
    action: 'session.create' | 'user.lock',
    user: User | null,
    severity: 'info' | 'high',
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, {
      action,
      // The account the attempt was on, where there is one: a failed login has no session.
      resourceType: 'user',
      resourceId: user?.id ?? null,
      outcome: 'denied',
      severity,
      actor: auditActorOf(user),
      details,
    });
  }
}
