import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../database/typeorm-options';
import { seedDemo } from './seed-demo';

/** `npm run seed:demo`: loads the demo city into DATABASE_URL (already migrated) and lists the accounts. */
async function main(): Promise<void> {
  // A command-line tool without Nest, needing neither the service's secrets nor its schema: it reads
  // its two variables itself (DEMO_PASSWORD is for the demo city only, not a setting of the service).
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: say which database to load the demo city into.');
  const password = process.env.DEMO_PASSWORD ?? 'demo-password-1';
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  try {
    const result = await seedDemo(dataSource, password);
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
