import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironment } from '../config/environment';
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
  // An auditor runs it with the database and the checkpoints only, not the service's secrets: it
  // validates just its three variables, by the service's rules.
  const {
    DATABASE_URL,
    AUDIT_CHECKPOINT_DIR: directory,
    AUDIT_SIGNING_KEY,
  } = readEnvironment(['DATABASE_URL', 'AUDIT_CHECKPOINT_DIR', 'AUDIT_SIGNING_KEY']);
  const key = AUDIT_SIGNING_KEY ? signingKeyFrom(AUDIT_SIGNING_KEY) : null;
  const dataSource = await new DataSource(typeormOptions(DATABASE_URL)).initialize();
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
