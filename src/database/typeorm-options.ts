import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

const root = join(__dirname, '..', '..');

/** One definition of how we reach PostgreSQL, shared by the app, the worker, the CLI and the tests. */
export function typeormOptions(databaseUrl: string): DataSourceOptions {
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
    // A request waits at most 10 s for a connection rather than hanging when the pool is exhausted.
    extra: { max: 10, connectionTimeoutMillis: 10_000, application_name: 'samvirke' },
  };
}
