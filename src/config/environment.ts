import { plainToInstance, Transform } from 'class-transformer';
import { toBoolean } from '../http/input-transforms';
import { IsTimeZone } from '../http/time-zone.validator';
import { ROLES } from '../users/role';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
  ValidateIf,
  ValidationError,
} from 'class-validator';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;

/** The variables that set how long each kind of case record is kept (in whole months). */
export const CASE_RECORD_RETENTION_VARIABLES = [
  'CONCERN_CLOSED_RETENTION_MONTHS',
  'CONCERN_REFERRED_RETENTION_MONTHS',
  'REFERRAL_CLOSED_RETENTION_MONTHS',
  'REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS',
  'REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS',
  'CONSENT_ENDED_RETENTION_MONTHS',
  'MEETING_RECORD_RETENTION_MONTHS',
  'NOTIFICATION_RETENTION_MONTHS',
  'FOLLOW_UP_RETENTION_MONTHS',
] as const;
export type CaseRecordRetentionVariable = (typeof CASE_RECORD_RETENTION_VARIABLES)[number];

/** The longest case record retention, and the variable that sets it (the first, on a tie). */
export function longestCaseRecordRetention(environment: Pick<Environment, CaseRecordRetentionVariable>): {
  variable: CaseRecordRetentionVariable;
  months: number;
} {
  return CASE_RECORD_RETENTION_VARIABLES.map((variable) => ({
    variable,
    months: Number(environment[variable]),
  })).reduce((longest, entry) => (entry.months > longest.months ? entry : longest));
}

/**
 * Every variable the service reads. A missing or malformed one stops start-up with a
 * message that names it; secrets have no defaults here.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(({ value }) => Number(value))
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /**
   * How many API processes `node dist/src/main.js` runs on PORT (Node's cluster). 1 runs the API
   * in the one process, with no cluster; each process has its own database pool.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  @Transform(({ value }) => Number(value))
  API_PROCESSES = 1;

  @IsDefined({ message: 'DATABASE_URL is required' })
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  /** Connections each API or worker process keeps to PostgreSQL at most. */
  @IsInt()
  @Min(1)
  @Max(1000)
  @Transform(({ value }) => Number(value))
  DATABASE_POOL_SIZE = 10;

  /** How long a request waits for a free connection before it is answered 503 with Retry-After. */
  @IsInt()
  @Min(1)
  @Max(600_000)
  @Transform(({ value }) => Number(value))
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  /**
   * The longest one statement of the API or the worker may run before PostgreSQL cancels it (answered
   * 503 with Retry-After); 0 means no limit. Migrations and the command-line tools are not bound by it.
   */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  @Transform(({ value }) => Number(value))
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key (queues, rate limits) so several deployments or test files share one server. */
  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'REDIS_PREFIX may hold letters, digits, - and _' })
  REDIS_PREFIX = 'samvirke';

  @IsDefined({ message: 'JWT_SECRET is required' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsString()
  JWT_ISSUER = 'samvirke';

  @IsString()
  JWT_AUDIENCE = 'samvirke-api';

  @IsInt()
  @Min(60)
  @Max(3600)
  @Transform(({ value }) => Number(value))
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsInt()
  @Min(1)
  @Max(24 * 30)
  @Transform(({ value }) => Number(value))
  REFRESH_TOKEN_TTL_HOURS = 12;

  /** However often it is refreshed, a session ends this long after login. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  @Transform(({ value }) => Number(value))
  SESSION_MAX_HOURS = 24;

  /** 32 bytes, base64: encrypts TOTP secrets at rest. */
  @IsDefined({ message: 'MFA_ENCRYPTION_KEY is required' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'MFA_ENCRYPTION_KEY must be 32 bytes encoded as base64' })
  MFA_ENCRYPTION_KEY!: string;

  @IsBoolean()
  @Transform(toBoolean)
  MFA_ENFORCED = false;

  @IsIn(ROLES, { each: true, message: `MFA_REQUIRED_ROLES may only name ${ROLES.join(', ')}` })
  @Transform(toList)
  MFA_REQUIRED_ROLES: string[] = ['coordinator', 'auditor', 'admin'];

  @Matches(/^https?:\/\/[^,\s]+$/, {
    each: true,
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  @Transform(toList)
  CORS_ORIGINS: string[] = [];

  /** The built web app (vite build), served at /; relative to the working directory. Missing: the API runs alone. */
  @IsString()
  WEB_APP_DIR = 'web/dist';

  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  THROTTLE_LIMIT = 300;

  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  THROTTLE_AUTH_LIMIT = 20;

  /** How long past due an open follow-up waits before it escalates to the district's coordinators. */
  @IsInt()
  @Min(0)
  @Max(30)
  @Transform(({ value }) => Number(value))
  FOLLOW_UP_GRACE_WORKING_DAYS = 2;

  /** How often the worker reconciles the queues with PostgreSQL (and does missed work). */
  @IsInt()
  @Min(200)
  @Transform(({ value }) => Number(value))
  RECONCILE_EVERY_MS = 60_000;

  /**
   * How long a worker's claim on a job lasts before another worker may take the job over (BullMQ's
   * lock and stalled-job check): a job of a worker killed mid-job is retried after about this long.
   */
  @IsInt()
  @Min(500)
  @Max(600_000)
  @Transform(({ value }) => Number(value))
  WORKER_LOCK_MS = 30_000;

  /**
   * 32 bytes, base64: the Ed25519 seed that signs the audit chain's checkpoints. Without it the
   * worker does not seal the chain (required in production).
   */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.AUDIT_SIGNING_KEY !== undefined)
  @IsDefined({ message: 'AUDIT_SIGNING_KEY is required in production' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'AUDIT_SIGNING_KEY must be 32 bytes encoded as base64' })
  AUDIT_SIGNING_KEY?: string;

  /** Where checkpoints are also written, outside the database (point it at write-once storage). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_CHECKPOINT_DIR?: string;

  /*
   * How long each kind of case record is kept, in whole months counted from when that record's case ended
   * (see `src/privacy/retention-periods.ts` for what starts each clock). Open cases are never touched.
   */

  /** Concerns triaged to guidance only or no further action, from the triage. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  CONCERN_CLOSED_RETENTION_MONTHS = 24;

  /** Concerns that were referred, from when the last of their referrals ended. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  CONCERN_REFERRED_RETENTION_MONTHS = 60;

  /** Referrals declined, or closed `completed`, `no_engagement` or `transferred`, from the decline or the close. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  REFERRAL_CLOSED_RETENTION_MONTHS = 60;

  /** Referrals closed `consent_withdrawn`: the basis is gone, so they go with the consents. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS = 36;

  /** Referrals closed `escalated_to_police`: kept longer, as the police case may outlast the referral. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS = 120;

  /** Consents withdrawn or expired, from the withdrawal or the end of their validity. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  CONSENT_ENDED_RETENTION_MONTHS = 36;

  /** Meetings' agendas and minutes, from the meeting's start. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  MEETING_RECORD_RETENTION_MONTHS = 60;

  /** Notifications, from when they were raised. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_RETENTION_MONTHS = 6;

  /** Follow-ups done or cancelled, from their close. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  FOLLOW_UP_RETENTION_MONTHS = 36;

  /** Replaced by the periods above: refused, so that a deployment that sets it learns it no longer applies. */
  @ValidateIf((env: Environment) => env.CASE_RECORD_RETENTION_MONTHS !== undefined)
  @ValidateBy({
    name: 'retired',
    validator: {
      validate: () => false,
      defaultMessage: () =>
        `CASE_RECORD_RETENTION_MONTHS is replaced by one period per kind of record: ${CASE_RECORD_RETENTION_VARIABLES.join(', ')}`,
    },
  })
  CASE_RECORD_RETENTION_MONTHS?: unknown;

  /** How long audit events are kept (whole months are dropped after this); never less than any case record. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  @ValidateBy({
    name: 'notShorterThanTheRecords',
    validator: {
      validate: (value: unknown, args) =>
        Number(value) >= longestCaseRecordRetention(args?.object as Environment).months,
      defaultMessage: (args) => {
        const longest = longestCaseRecordRetention(args?.object as Environment);
        return `AUDIT_RETENTION_MONTHS must not be shorter than ${longest.variable} (${longest.months}), the longest case record retention: the record of who saw a record outlives it`;
      },
    },
  })
  AUDIT_RETENTION_MONTHS = 120;

  /** How often the worker seals the audit chain with a signed checkpoint. */
  @IsInt()
  @Min(200)
  @Transform(({ value }) => Number(value))
  AUDIT_SEAL_EVERY_MS = 300_000;

  /** Unusual access: more distinct subjects than this in an hour flags the user. */
  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  FLAG_SUBJECTS_PER_HOUR = 30;

  /** Unusual access: this many refusals in an hour flags the user. */
  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  FLAG_REFUSALS_PER_HOUR = 5;

  /** Working hours (weekdays) in WORKING_TIME_ZONE; reads of people's records outside them are flagged. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: 'WORKING_HOURS must look like 07:00-18:00' })
  WORKING_HOURS = '07:00-18:00';

  @IsTimeZone()
  WORKING_TIME_ZONE = 'Europe/Oslo';

  /** How often the worker looks for unusual access. */
  @IsInt()
  @Min(200)
  @Transform(({ value }) => Number(value))
  AUDIT_FLAGS_EVERY_MS = 3_600_000;

  /** How many links a verification of the chain reads at a time; its progress is written after each. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  @Transform(({ value }) => Number(value))
  AUDIT_VERIFY_BATCH = 5000;

  /** How many days an export's file is kept after it is ready; the worker's sweep then removes it. */
  @IsInt()
  @Min(1)
  @Max(90)
  @Transform(({ value }) => Number(value))
  AUDIT_EXPORT_KEEP_DAYS = 7;

  /** How many events the worker reads at a time while writing an export (one keyset page). */
  @IsInt()
  @Min(10)
  @Max(50_000)
  @Transform(({ value }) => Number(value))
  AUDIT_EXPORT_PAGE_SIZE = 5000;

  /** How often the worker's export sweep runs: puts back lost export jobs, removes expired files. */
  @IsInt()
  @Min(200)
  @Transform(({ value }) => Number(value))
  AUDIT_EXPORT_SWEEP_EVERY_MS = 60_000;

  /** How long a break-glass grant lasts. */
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  @Transform(({ value }) => Number(value))
  BREAK_GLASS_MINUTES = 60;

  /** How many days before a meeting the worker generates its agenda. */
  @IsInt()
  @Min(0)
  @Max(60)
  @Transform(({ value }) => Number(value))
  AGENDA_LEAD_DAYS = 5;

  /** How often the worker extends forum series six months ahead and puts back lost agenda jobs. */
  @IsInt()
  @Min(200)
  @Transform(({ value }) => Number(value))
  MEETINGS_SWEEP_EVERY_MS = 3_600_000;

  /** SMTP server for e-mail notifications (smtp:// or smtps://, credentials in the URL); none: in-app only. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** For a local mail sink without TLS (development, tests). */
  @IsBoolean()
  @Transform(toBoolean)
  SMTP_IGNORE_TLS = false;

  @IsString()
  MAIL_FROM = 'Samvirke <no-reply@samvirke.invalid>';

  /** Where people open the service: the links in e-mails point here. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** From this age a subject may consent alone; younger, a guardian must. */
  @IsInt()
  @Min(0)
  @Max(18)
  @Transform(({ value }) => Number(value))
  CONSENT_SELF_AGE = 15;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

/**
 * Variables only the command-line tools read, not settings of the service: checked by the same
 * machinery, so that every variable goes through this schema.
 */
export class ToolEnvironment extends Environment {
  /** The password of every account of the demo city (`npm run seed:demo`, `npm start`'s first run). */
  @IsString()
  @Length(12, 200, { message: "DEMO_PASSWORD must be 12 to 200 characters, as an account's password" })
  DEMO_PASSWORD = 'demo-password-1';

  /** `npm run db:app-role`: the less-privileged role the API and the worker connect as. */
  @IsDefined({ message: 'APP_DB_USER is required' })
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'APP_DB_USER must be a lower-case PostgreSQL identifier' })
  APP_DB_USER!: string;

  /** `npm run db:app-role`: that role's password. */
  @IsDefined({ message: 'APP_DB_PASSWORD is required' })
  @IsString()
  @MinLength(1, { message: 'APP_DB_PASSWORD must not be empty' })
  APP_DB_PASSWORD!: string;
}

function problems(errors: ValidationError[]): InvalidConfigurationError {
  const lines = errors.map((error) => {
    const messages = Object.values(error.constraints ?? {}).join('; ');
    return `  - ${error.property}: ${messages}`;
  });
  return new InvalidConfigurationError(`Configuration is invalid:\n${lines.join('\n')}`);
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const environment = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) throw problems(errors);
  return environment;
}

/**
 * Only the named variables, by the same rules and with the same messages: for the command-line
 * tools, which need a few of them and not the service's secrets. The others are neither read nor
 * required, so a rule that depends on one (AUDIT_SIGNING_KEY on NODE_ENV) sees its default.
 */
export function validateEnvironmentFor<K extends keyof ToolEnvironment>(
  names: readonly K[],
  raw: Record<string, unknown>,
): Pick<ToolEnvironment, K> {
  const wanted = new Set<string>(names as readonly string[]);
  const given = Object.fromEntries(Object.entries(raw).filter(([name]) => wanted.has(name)));
  const environment = plainToInstance(ToolEnvironment, given, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false }).filter((error) =>
    wanted.has(error.property),
  );
  if (errors.length > 0) throw problems(errors);
  return Object.fromEntries(names.map((name) => [name, environment[name]])) as Pick<ToolEnvironment, K>;
}

/** The named variables of this process's environment, validated (see `validateEnvironmentFor`). */
export function readEnvironment<K extends keyof ToolEnvironment>(names: readonly K[]): Pick<ToolEnvironment, K> {
  return validateEnvironmentFor(names, process.env);
}

export class InvalidConfigurationError extends Error {}

/**
 * Entry points call this first: a bad configuration ends the process with the list of
 * problems and exit code 1, not a framework stack trace. Returns the validated environment.
 */
export function exitUnlessConfigured(): Environment {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
