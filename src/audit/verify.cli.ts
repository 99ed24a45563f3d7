import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../database/typeorm-options';
import { AuditChainRepository } from './audit-chain.repository';
import { verifyChain } from './chain-verifier';
import { readCheckpoints, signingKeyFrom } from './checkpoint';

/**
 * `npm run audit:verify`: checks the audit chain of DATABASE_URL against the checkpoints in
 * AUDIT_CHECKPOINT_DIR (signatures with AUDIT_SIGNING_KEY's public half); prints the result
 * as JSON and exits 1 when the chain cannot be vouched for.
 */
async function main(): Promise<number> {
  // A command-line tool without Nest: an auditor runs it with the database and the checkpoints
  // only, not the service's secrets, so it reads its three variables itself.
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: say which database to verify.');
  const directory = process.env.AUDIT_CHECKPOINT_DIR;
  const key = process.env.AUDIT_SIGNING_KEY ? signingKeyFrom(process.env.AUDIT_SIGNING_KEY) : null;
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  try {
    const started = performance.now();
    const checkpoints = directory ? await readCheckpoints(directory) : [];
    const result = await verifyChain(new AuditChainRepository(dataSource), checkpoints, key, Boolean(directory));
    process.stdout.write(`${JSON.stringify({ ...result, seconds: (performance.now() - started) / 1000 }, null, 2)}\n`);
    if (!directory)
      process.stderr.write('AUDIT_CHECKPOINT_DIR is not set: a rewritten chain or a cut tail would pass.\n');
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
