import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironment } from '../config/environment';
import { grantAppRole } from './app-role';
import { typeormOptions } from './typeorm-options';

/** `npm run db:app-role`: as the owner (DATABASE_URL), sets up APP_DB_USER with APP_DB_PASSWORD. */
async function main(): Promise<void> {
  // A command-line tool without Nest, run by the database owner before the service starts: it
  // validates just its three variables (the role's name and password are the tools', not the service's).
  const { DATABASE_URL, APP_DB_USER, APP_DB_PASSWORD } = readEnvironment([
    'DATABASE_URL',
    'APP_DB_USER',
    'APP_DB_PASSWORD',
  ]);
  const dataSource = await new DataSource(typeormOptions(DATABASE_URL)).initialize();
  try {
    await grantAppRole(dataSource, APP_DB_USER, APP_DB_PASSWORD);
    process.stdout.write(`${APP_DB_USER} may read and write the case tables and only add to the audit trail.\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
