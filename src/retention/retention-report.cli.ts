import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { CASE_RECORD_RETENTION_VARIABLES, readEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { nextRunReport, periodsFrom } from './retention-report';
import { RetentionRepository } from './retention.repository';

/**
 * `npm run retention:report`: what the next retention run would anonymise and delete in DATABASE_URL, with the
 * periods of this environment, counted per kind of record (no names, no ids). Prints JSON, or a small table with
 * `--table`; `--at <ISO time>` reports for a run at that time instead of now (to plan ahead). Changes nothing.
 */
async function main(): Promise<number> {
  const environment = readEnvironment(['DATABASE_URL', ...CASE_RECORD_RETENTION_VARIABLES]);
  const dataSource = await new DataSource(typeormOptions(environment.DATABASE_URL)).initialize();
  try {
    const periods = periodsFrom((variable) => environment[variable]);
    const at = reportTime(process.argv, new Clock().now());
    const report = await dataSource.transaction('REPEATABLE READ', (tx) =>
      nextRunReport(new RetentionRepository(dataSource), tx, periods, at),
    );
    if (process.argv.includes('--table')) {
      const rows: [string, number][] = [
        ['subjects due', report.subjectsDue],
        ['subjects held', report.subjectsHeld],
        ...Object.entries(report.records),
      ];
      const width = Math.max(...rows.map(([label]) => label.length));
      process.stdout.write(`next retention run at ${report.at}\n`);
      for (const [label, count] of rows) process.stdout.write(`${label.padEnd(width)}  ${count}\n`);
    } else {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    }
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** The time after `--at`, else `now`; a time that does not parse is refused. */
function reportTime(argv: readonly string[], now: Date): Date {
  const index = argv.indexOf('--at');
  if (index === -1) return now;
  const at = new Date(argv[index + 1] ?? '');
  if (Number.isNaN(at.getTime())) throw new Error('--at needs an ISO 8601 time, such as 2027-01-01T00:00:00Z');
  return at;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
