import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { authenticator } from 'otplib';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

const STEP_SECONDS = 30;
const ISSUER = 'Samvirke';

/** TOTP (RFC 6238) secrets, encrypted at rest with AES-256-GCM, and code checks that refuse replays. */
@Injectable()
export class TotpService {
  private readonly key: Buffer;

  constructor(
    private readonly users: UsersRepository,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(config.get('MFA_ENCRYPTION_KEY'), 'base64');
    authenticator.options = { step: STEP_SECONDS, window: 1 };
  }

  newSecret(): string {
    return authenticator.generateSecret(20);
  }

  otpauthUrl(accountName: string, secret: string): string {
    return authenticator.keyuri(accountName, ISSUER, secret);
  }

  encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.');
  }

  decrypt(stored: string): string {
    const [iv, tag, body] = stored.split('.').map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /**
   * The time step a code matches (allowing one step of clock drift), or null. A step at or
   * before `lastUsedStep` is refused, so an intercepted code cannot be used again.
   */
  matchingStep(secret: string, code: string, lastUsedStep: number | null): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    // The application's time, for the check and the step alike (tests move it; in production it is the wall clock).
    const now = this.clock.now().getTime();
    const delta = authenticator.clone({ epoch: now }).checkDelta(code, secret);
    if (delta === null) return null;
    const step = Math.floor(now / 1000 / STEP_SECONDS) + delta;
    return lastUsedStep !== null && step <= lastUsedStep ? null : step;
  }

  /**
   * Checks a user's code and claims its time step in one conditional update, so of two
   * requests racing with the same code only one succeeds.
   */
  async verifyAndClaim(manager: EntityManager, user: User, code: string): Promise<boolean> {
    if (!user.totpSecretEncrypted) return false;
    const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
    const step = this.matchingStep(this.decrypt(user.totpSecretEncrypted), code, lastStep);
    if (step === null) return false;
    return this.users.claimTotpStep(manager, user.id, step);
  }
}
