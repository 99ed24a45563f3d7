import '@swc-node/register';
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { databaseUrl, POSTGRES_ADMIN_URL, templateDatabaseName } from './services';

/**
 * Migrates a template database once per run (or reuses the one for the same migrations);
 * each test file then gets its own copy in milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  const template = templateDatabaseName();
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    // Templates of earlier migration sets are of no further use.
    const stale = await admin.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'samvirke\\_template\\_%' AND datname NOT LIKE '%\\_building' AND datname <> $1`,
      [template],
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount) return;
    await admin.query(`CREATE DATABASE "${template}_building"`);
    const dataSource = await new DataSource({
      ...typeormOptions(databaseUrl(`${template}_building`)),
      logging: false,
    }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    // Renamed only when complete, so an interrupted run never leaves a half-built template.
    await admin.query(`ALTER DATABASE "${template}_building" RENAME TO "${template}"`);
  } finally {
    await admin.end();
  }
}
