import { authenticator } from 'otplib';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { UsersRepository } from '../users/users.repository';
import { TotpService } from './totp.service';

const config = { get: () => Buffer.alloc(32, 9).toString('base64') } as unknown as AppConfig;

describe('TotpService', () => {
  const totp = new TotpService({} as UsersRepository, config, new Clock());
  const secret = totp.newSecret();
  const currentStep = () => Math.floor(Date.now() / 30_000);

  it('encrypts secrets so that they read back, with a new ciphertext each time', () => {
    const first = totp.encrypt(secret);
    expect(first).not.toContain(secret);
    expect(totp.encrypt(secret)).not.toEqual(first);
    expect(totp.decrypt(first)).toBe(secret);
  });

  it('refuses a tampered ciphertext', () => {
    const [iv, tag, body] = totp.encrypt(secret).split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = flipped[0] ^ 1;
    expect(() => totp.decrypt([iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });

  it('accepts the current code once, and never a code of an earlier or the same step again', () => {
    const code = authenticator.generate(secret);
    const step = totp.matchingStep(secret, code, null);
    expect(step).toBeGreaterThanOrEqual(currentStep() - 1);
    expect(totp.matchingStep(secret, code, step)).toBeNull();
  });

  it.each(['', '12345', '1234567', 'abcdef'])('refuses the malformed code %j', (code) => {
    expect(totp.matchingStep(secret, code, null)).toBeNull();
  });
});
