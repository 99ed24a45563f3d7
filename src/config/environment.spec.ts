import { validateEnvironment } from './environment';

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
