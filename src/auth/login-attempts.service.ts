import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config.service';
import { User } from '../users/user.entity';
import { LoginAttempt } from './entities/login-attempt.entity';
import { LOCKOUT_THRESHOLD, lockedUntil } from './lockout';

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
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.get('JWT_SECRET'), 'samvirke', 'login-attempt-account-key', 32));
  }

  accountKey(email: string): string {
    return createHmac('sha256', this.key).update(email.trim().toLowerCase()).digest('hex');
  }

  async serialise(manager: EntityManager, accountKey: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [accountKey]);
  }

  async lockedUntil(manager: EntityManager, accountKey: string, now = new Date()): Promise<Date | null> {
    const rows: { attempted_at: Date }[] = await manager.query(
      `SELECT attempted_at FROM login_attempts
        WHERE account_key = $1 AND NOT succeeded
          AND attempted_at > COALESCE(
            (SELECT max(attempted_at) FROM login_attempts WHERE account_key = $1 AND succeeded), '-infinity')
        ORDER BY attempted_at DESC
        LIMIT $2`,
      [accountKey, LOCKOUT_THRESHOLD],
    );
    return lockedUntil(
      rows.map((row) => row.attempted_at),
      now,
    );
  }

  async recordSuccess(manager: EntityManager, accountKey: string): Promise<void> {
    await manager.insert(LoginAttempt, { accountKey, succeeded: true });
  }

  /** Records a failed check and its audit event; returns when the account is now locked until, if it is. */
  async recordFailure(
    manager: EntityManager,
    accountKey: string,
    user: User | null,
    reason: string,
  ): Promise<Date | null> {
    await manager.insert(LoginAttempt, { accountKey, succeeded: false });
    await this.recordEvent(manager, 'auth.login.failed', user, 'info', { reason });
    const until = await this.lockedUntil(manager, accountKey);
    if (until) await this.recordEvent(manager, 'auth.lockout', user, 'high');
    return until;
  }

  recordEvent(
    manager: EntityManager,
    action: string,
    user: User | null,
    severity: 'info' | 'high',
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, {
      action,
      resourceType: 'Account',
      resourceId: user?.id ?? null,
      outcome: 'denied',
      severity,
      actor: auditActorOf(user),
      details,
    });
  }
}
