import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { seedDemo } from './seed-demo';

/** `npm run seed:demo`: loads the demo city into DATABASE_URL (already migrated) and lists the accounts. */
async function main(): Promise<void> {
  // A command-line tool without Nest, needing none of the service's secrets: it validates just its two
  // variables (DEMO_PASSWORD is for the demo city only, not a setting of the service).
  const { DATABASE_URL, DEMO_PASSWORD } = readEnvironment(['DATABASE_URL', 'DEMO_PASSWORD']);
  const dataSource = await new DataSource(typeormOptions(DATABASE_URL)).initialize();
  try {
    const result = await seedDemo(dataSource, DEMO_PASSWORD);
    const { districts, agencies, users } = result.created;
    process.stdout.write(`Demo city: created ${districts} districts, ${agencies} agencies, ${users} users.\n`);
    process.stdout.write(
      `Accounts (password: the DEMO_PASSWORD value):\n${result.accounts.map((a) => `  ${a}`).join('\n')}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
