import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

const root = join(__dirname, '..', '..');

/** How the API and the worker use their pool (DATABASE_POOL_SIZE, DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS). */
export interface DatabaseRuntime {
  poolSize: number;
  /** How long a query waits for a free connection (or a new one) before it fails; answered 503. */
  connectTimeoutMs: number;
  /** The longest one statement may run before PostgreSQL cancels it; answered 503. 0: no limit. */
  statementTimeoutMs: number;
}

/**
 * Without a runtime (migrations, the CLIs, the tests' own connections): the default pool and no
 * statement timeout, so a long migration or `audit:verify` over millions of events is never cut off.
 */
const TOOLS: DatabaseRuntime = { poolSize: 10, connectTimeoutMs: 10_000, statementTimeoutMs: 0 };

/**
 * Every connection turns JIT compilation off. The application's queries are OLTP reads and writes
 * of a few milliseconds, but the planner's estimates for the access rules (an EXISTS inside an OR)
 * run to a million rows, past every JIT threshold, so PostgreSQL spent hundreds of milliseconds
 * compiling a query that then read a handful of rows. Set as a connection option rather than with
 * ALTER ROLE so it holds whichever role connects (the owner, the application role, the embedded
 * database) and needs no step after deployment.
 */
const SESSION_SETTINGS = '-c jit=off';

/** One definition of how we reach PostgreSQL, shared by the app, the worker, the CLI and the tests. */
export function typeormOptions(databaseUrl: string, runtime: DatabaseRuntime = TOOLS): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    namingStrategy: new SnakeNamingStrategy(),
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // TypeORM's own error log prints query parameters, which hold personal data; errors reach our filter instead.
    logging: false,
    extra: {
      max: runtime.poolSize,
      // A request waits this long for a connection rather than hanging when the pool is exhausted.
      connectionTimeoutMillis: runtime.connectTimeoutMs,
      // Sent at connection start-up, so it holds for every statement on the connection; 0 sends nothing.
      statement_timeout: runtime.statementTimeoutMs,
      options: SESSION_SETTINGS,
      application_name: 'samvirke',
    },
  };
}
