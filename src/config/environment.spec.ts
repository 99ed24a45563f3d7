import {
  CASE_RECORD_RETENTION_VARIABLES,
  longestCaseRecordRetention,
  validateEnvironment,
  validateEnvironmentFor,
} from './environment';

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
      'audit retention shorter than the longest case record period',
      { AUDIT_RETENTION_MONTHS: '100' },
      'AUDIT_RETENTION_MONTHS',
    ],
    ['a retention period of no months', { NOTIFICATION_RETENTION_MONTHS: '0' }, 'NOTIFICATION_RETENTION_MONTHS'],
    [
      'a retention period past fifty years',
      { CONSENT_ENDED_RETENTION_MONTHS: '601' },
      'CONSENT_ENDED_RETENTION_MONTHS',
    ],
    ['a retention period that is not a number', { FOLLOW_UP_RETENTION_MONTHS: 'long' }, 'FOLLOW_UP_RETENTION_MONTHS'],
    [
      'the retired single case record retention',
      { CASE_RECORD_RETENTION_MONTHS: '120' },
      'CASE_RECORD_RETENTION_MONTHS',
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

describe('the retention periods', () => {
  it('default to the periods the README explains, the audit trail outliving the longest', () => {
    const environment = validateEnvironment(valid);
    expect(Object.fromEntries(CASE_RECORD_RETENTION_VARIABLES.map((name) => [name, environment[name]]))).toEqual({
      CONCERN_CLOSED_RETENTION_MONTHS: 24,
      CONCERN_REFERRED_RETENTION_MONTHS: 60,
      REFERRAL_CLOSED_RETENTION_MONTHS: 60,
      REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS: 36,
      REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS: 120,
      CONSENT_ENDED_RETENTION_MONTHS: 36,
      MEETING_RECORD_RETENTION_MONTHS: 60,
      NOTIFICATION_RETENTION_MONTHS: 6,
      FOLLOW_UP_RETENTION_MONTHS: 36,
    });
    expect(longestCaseRecordRetention(environment)).toEqual({
      variable: 'REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS',
      months: 120,
    });
    expect(environment.AUDIT_RETENTION_MONTHS).toBe(120);
  });

  it('refuses an audit retention shorter than the longest period, naming both', () => {
    expect(() =>
      validateEnvironment({ ...valid, AUDIT_RETENTION_MONTHS: '90', MEETING_RECORD_RETENTION_MONTHS: '96' }),
    ).toThrow(
      'AUDIT_RETENTION_MONTHS: AUDIT_RETENTION_MONTHS must not be shorter than REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS (120)',
    );
    expect(() =>
      validateEnvironment({
        ...valid,
        AUDIT_RETENTION_MONTHS: '90',
        REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS: '84',
        MEETING_RECORD_RETENTION_MONTHS: '96',
      }),
    ).toThrow('AUDIT_RETENTION_MONTHS must not be shorter than MEETING_RECORD_RETENTION_MONTHS (96)');
  });

  it('accepts an audit retention as long as the longest period, each period set on its own', () => {
    const environment = validateEnvironment({
      ...valid,
      AUDIT_RETENTION_MONTHS: '72',
      REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS: '72',
      NOTIFICATION_RETENTION_MONTHS: '3',
    });
    expect(environment).toMatchObject({
      AUDIT_RETENTION_MONTHS: 72,
      REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS: 72,
      NOTIFICATION_RETENTION_MONTHS: 3,
    });
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
