import { validateEnvironment, validateEnvironmentFor } from './environment';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/samvirke',
  JWT_SECRET: 'x'.repeat(32),
  MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('validateEnvironment', () => {
  it('accepts the required secrets and fills in the defaults', () => {
    const environment = validateEnvironment(valid);
    expect(environment.PORT).toBe(3000);
    expect(environment.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(environment.MFA_REQUIRED_ROLES).toEqual(['coordinator', 'auditor', 'admin']);
    expect(environment.MFA_ENFORCED).toBe(false);
    expect(environment.WORKER_LOCK_MS).toBe(30_000);
  });

  it('parses lists, numbers and booleans', () => {
    const environment = validateEnvironment({
      ...valid,
      PORT: '8080',
      MFA_ENFORCED: 'true',
      MFA_REQUIRED_ROLES: 'admin, auditor',
      CORS_ORIGINS: 'https://a.example,https://b.example',
    });
    expect(environment).toMatchObject({
      PORT: 8080,
      MFA_ENFORCED: true,
      MFA_REQUIRED_ROLES: ['admin', 'auditor'],
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
    });
  });

  it.each([
    ['a missing DATABASE_URL', { DATABASE_URL: undefined }, 'DATABASE_URL'],
    ['a missing JWT_SECRET', { JWT_SECRET: undefined }, 'JWT_SECRET'],
    ['a short JWT_SECRET', { JWT_SECRET: 'short' }, 'JWT_SECRET'],
    ['a malformed MFA_ENCRYPTION_KEY', { MFA_ENCRYPTION_KEY: 'abc' }, 'MFA_ENCRYPTION_KEY'],
    ['a port that is not a number', { PORT: 'eighty' }, 'PORT'],
    ['an unknown role for MFA', { MFA_REQUIRED_ROLES: 'admin,wizard' }, 'MFA_REQUIRED_ROLES'],
    ['a malformed REDIS_URL', { REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    ['MFA_ENFORCED that is not a boolean', { MFA_ENFORCED: 'yes' }, 'MFA_ENFORCED'],
    [
      'audit retention shorter than the records',
      { AUDIT_RETENTION_MONTHS: '60', CASE_RECORD_RETENTION_MONTHS: '120' },
      'AUDIT_RETENTION_MONTHS',
    ],
    ['no audit signing key in production', { NODE_ENV: 'production' }, 'AUDIT_SIGNING_KEY'],
    ['a malformed audit signing key', { AUDIT_SIGNING_KEY: 'short' }, 'AUDIT_SIGNING_KEY'],
    ['working hours that are not hours', { WORKING_HOURS: '9-5' }, 'WORKING_HOURS'],
    ['a worker lock that is not a number', { WORKER_LOCK_MS: 'long' }, 'WORKER_LOCK_MS'],
    ['an unknown working time zone', { WORKING_TIME_ZONE: 'Oslo' }, 'WORKING_TIME_ZONE'],
  ])('stops on %s, naming the variable', (_, change, name) => {
    expect(() => validateEnvironment({ ...valid, ...change })).toThrow(new RegExp(`- ${name}:`));
  });
});

describe('validateEnvironmentFor (the command-line tools)', () => {
  it("returns only the named variables, by the same rules, without the service's secrets", () => {
    const environment = validateEnvironmentFor(['DATABASE_URL', 'AUDIT_CHECKPOINT_DIR', 'DEMO_PASSWORD'], {
      DATABASE_URL: valid.DATABASE_URL,
      JWT_SECRET: 'short',
    });
    expect(environment).toEqual({
      DATABASE_URL: valid.DATABASE_URL,
      AUDIT_CHECKPOINT_DIR: undefined,
      DEMO_PASSWORD: 'demo-password-1',
    });
  });

  it('does not require the audit signing key of production when NODE_ENV is not asked for', () => {
    expect(validateEnvironmentFor(['AUDIT_SIGNING_KEY'], { NODE_ENV: 'production' })).toEqual({
      AUDIT_SIGNING_KEY: undefined,
    });
  });

  it.each([
    ['a missing DATABASE_URL', ['DATABASE_URL'], {}, 'DATABASE_URL: DATABASE_URL is required'],
    [
      'a DATABASE_URL that is not postgres',
      ['DATABASE_URL'],
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL must be a postgres:// connection URL',
    ],
    ['a malformed audit signing key', ['AUDIT_SIGNING_KEY'], { AUDIT_SIGNING_KEY: 'short' }, 'AUDIT_SIGNING_KEY'],
    ['a short demo password', ['DEMO_PASSWORD'], { DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD'],
    ['a missing application role', ['APP_DB_USER'], {}, 'APP_DB_USER: APP_DB_USER is required'],
    [
      'an application role that is not an identifier',
      ['APP_DB_USER'],
      { APP_DB_USER: 'app"; DROP' },
      'APP_DB_USER must be a lower-case PostgreSQL identifier',
    ],
    ['an empty application role password', ['APP_DB_PASSWORD'], { APP_DB_PASSWORD: '' }, 'APP_DB_PASSWORD'],
  ] as const)('stops on %s, naming the variable', (_, names, raw, message) => {
    expect(() => validateEnvironmentFor(names, raw)).toThrow(message);
  });
});
