import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { databaseUrl, POSTGRES_ADMIN_URL } from '../../test/support/services';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const MIGRATIONS = join(__dirname, '..', '..', 'migrations');

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A database of the benchmark's own, empty. */
export async function createDatabase(): Promise<BenchDatabase> {
  const name = `samvirke_bench_api_${randomBytes(5).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(name), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Runs the migrations of migrations/ that are not run yet, up to the one of timestamp `upTo` (all without
 * it); answers how many ran.
 */
export async function migrate(url: string, upTo?: number): Promise<number> {
  const files = readdirSync(MIGRATIONS)
    .filter((file) => /^\d{13}-.+\.ts$/.test(file) && (upTo === undefined || Number(file.slice(0, 13)) <= upTo))
    .map((file) => join(MIGRATIONS, file));
  const dataSource = await new DataSource({ ...typeormOptions(url), migrations: files, logging: false }).initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).length;
  } finally {
    await dataSource.destroy();
  }
}
