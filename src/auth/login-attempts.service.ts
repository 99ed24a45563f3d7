import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { LoginAttempt } from './entities/login-attempt.entity';
import { LOCKOUT_THRESHOLD, lockedUntil } from './lockout';

/** Counts password checks per typed address, whether or not an account has it. */
@Injectable()
export class LoginAttemptsService {
  private readonly key: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.get('JWT_SECRET'), 'samvirke', 'login-attempt-account-key', 32));
  }

  accountKey(email: string): string {
    return createHmac('sha256', this.key).update(email.trim().toLowerCase()).digest('hex');
  }

  async lockedUntil(accountKey: string, now = new Date()): Promise<Date | null> {
    const rows: { attempted_at: Date }[] = await this.dataSource.query(
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

  async record(accountKey: string, succeeded: boolean): Promise<void> {
    await this.dataSource.getRepository(LoginAttempt).insert({ accountKey, succeeded });
  }
}
