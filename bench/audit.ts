/**
 * Audit trail benchmark (run by hand: `npm run bench:audit`). On a database of its own:
 * 1. the cost of a write: BENCH_WRITES single-event transactions by 1, 8 and 32 concurrent
 *    writers, chained (as in production) and with the triggers off (the baseline);
 * 2. loads BENCH_EVENTS events (default 10,000,000) over twelve months, chained at commit;
 * 3. times `verify` over the whole chain, and the auditor's searches.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { defineAbilityFor } from '../src/access/ability';
import { AuditEventsRepository } from '../src/audit/audit-events.repository';
import { AuditSearchService } from '../src/audit/audit-search.service';
import { AuditActor, AuditRecord, AuditService, auditEventRow } from '../src/audit/audit.service';
import { AuditAction } from '../src/audit/audit-actions';
import { AuditChainRepository } from '../src/audit/audit-chain.repository';
import { verifyChain } from '../src/audit/chain-verifier';
import { typeormOptions } from '../src/database/typeorm-options';
import globalSetup from '../test/support/global-setup';
import { loadAuditEvents } from './support/audit-events';
import { createTestDatabase } from '../test/support/test-database';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const WRITES = Number(process.env.BENCH_WRITES ?? 4_000);
const ACTIONS: AuditAction[] = [
  'concern.read',
  'concern.list',
  'referral.read',
  'subject.read',
  'agenda.read',
  'concern.update',
];
const ROLES = ['reporter', 'case_worker', 'coordinator', 'forum_member'];

const ids = (count: number) => Array.from({ length: count }, () => randomUUID());
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
const say = (line: string) => process.stdout.write(`${line}\n`);

async function costPerWrite(dataSource: DataSource): Promise<void> {
  // The baseline: a table of the same shape and indexes, without the chain (and left out of verify).
  await dataSource.query(
    'CREATE TABLE bench_unchained_events (LIKE audit_events INCLUDING DEFAULTS INCLUDING INDEXES)',
  );
  for (const chained of [true, false]) {
    for (const writers of [1, 8, 32]) {
      const each = Math.ceil(WRITES / writers);
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: writers }, () =>
          (async () => {
            for (let index = 0; index < each; index++) {
              const row = auditEventRow(
                {
                  action: 'concern.read',
                  resourceId: randomUUID(),
                  subjectId: randomUUID(),
                  outcome: 'allowed',
                  actor: { id: randomUUID(), agencyId: randomUUID(), roles: ['case_worker'] },
                },
                null,
                new Date(),
              );
              await dataSource.transaction(async (manager) => {
                await manager.query(
                  `INSERT INTO ${chained ? 'audit_events' : 'bench_unchained_events'} (id, occurred_at, actor_id, actor_agency_id, actor_roles, action, resource_type, resource_id, outcome, severity, details, content_hash)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'allowed', 'info', '{}', $9)`,
                  [
                    row.id,
                    row.occurredAt,
                    row.actorId,
                    row.actorAgencyId,
                    row.actorRoles,
                    row.action,
                    row.resourceType,
                    row.resourceId,
                    row.contentHash,
                  ],
                );
              });
            }
          })(),
        ),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const total = each * writers;
      say(
        `  ${chained ? 'chained ' : 'baseline'} ${String(writers).padStart(2)} writers: ${Math.round(total / seconds)} writes/s, ` +
          `${((seconds / total) * 1e6 * writers).toFixed(0)} µs per write per writer`,
      );
    }
  }
}

async function load(dataSource: DataSource): Promise<void> {
  const actors = ids(5000).map((id) => ({ id, agency: randomUUID(), role: pick(ROLES) }));
  const subjects = ids(500_000);
  const started = Date.now();
  await loadAuditEvents(dataSource, {
    count: EVENTS,
    from: new Date(Date.now() - 365 * 24 * 3_600_000),
    to: new Date(),
    event: () => {
      const actor = pick(actors);
      return {
        action: pick(ACTIONS),
        resourceType: 'concern',
        resourceId: randomUUID(),
        subjectId: pick(subjects),
        outcome: Math.random() < 0.02 ? 'denied' : 'allowed',
        details: { view: Math.random() < 0.5 ? 'identity' : 'pseudonym' },
        actor: { id: actor.id, agencyId: actor.agency, roles: [actor.role] },
        // Drawn at random, so the catalogue's pairing of action and outcome is not known when compiling.
      } as AuditRecord & { actor: AuditActor };
    },
    progress: (loaded, perSecond) => say(`  ${loaded} events, ${perSecond} per second`),
  });
  say(`  loaded ${EVENTS} events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await dataSource.query('ANALYZE audit_events');
  await dataSource.query('ANALYZE audit_chain');
}

async function timed<T>(label: string, work: () => Promise<T>, runs = 5): Promise<T> {
  const times: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    result = await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  say(`  ${label}: median ${times[Math.floor(runs / 2)].toFixed(1)} ms, max ${times[runs - 1].toFixed(1)} ms`);
  return result!;
}

async function searches(dataSource: DataSource): Promise<void> {
  const recorded = { record: () => Promise.resolve() } as unknown as AuditService;
  const searcher = new AuditSearchService(new AuditEventsRepository(dataSource), recorded);
  const auditor = defineAbilityFor({ id: randomUUID(), roles: ['auditor'], agencyId: randomUUID(), districtIds: [] });
  const search = {
    search: (query: Parameters<AuditSearchService['search']>[1]) => searcher.search(auditor, query),
    whoHasSeen: (subjectId: string, query: Parameters<AuditSearchService['search']>[1]) =>
      searcher.whoHasSeen(auditor, subjectId, query),
    export: (filter: Parameters<AuditSearchService['export']>[1]) => searcher.export(auditor, filter),
  };
  const [sample] = await dataSource.query(
    `SELECT actor_id, actor_agency_id, subject_id, resource_id FROM audit_events WHERE occurred_at > now() - interval '30 days' LIMIT 1`,
  );
  const day = new Date(Date.now() - 40 * 24 * 3_600_000);
  const nextDay = new Date(day.getTime() + 24 * 3_600_000);
  const page = { limit: 50 };
  await timed('newest 50, no filter', () => search.search({ ...page }));
  await timed('by actor', () => search.search({ ...page, actorId: sample.actor_id }));
  await timed('by agency and outcome denied', () =>
    search.search({ ...page, agencyId: sample.actor_agency_id, outcome: 'denied' }),
  );
  await timed('who has seen a subject', () => search.whoHasSeen(sample.subject_id, { ...page }));
  await timed('by resource', () => search.search({ ...page, resourceType: 'concern', resourceId: sample.resource_id }));
  await timed('by action within one day', () =>
    search.search({ ...page, action: 'referral.read', from: day.toISOString(), to: nextDay.toISOString() }),
  );
  const first = await search.search({ ...page, action: 'concern.read' });
  await timed('by action, second page (cursor)', () =>
    search.search({ ...page, action: 'concern.read', cursor: first.nextCursor! }),
  );
  await timed(
    'CSV export of one day (all rows)',
    () => search.export({ from: day.toISOString(), to: nextDay.toISOString() }),
    3,
  );
}

async function main(): Promise<void> {
  await globalSetup();
  const database = await createTestDatabase();
  const dataSource = await new DataSource({ ...typeormOptions(database.url), extra: { max: 40 } }).initialize();
  try {
    say(`cost of a write (${WRITES} single-event transactions each):`);
    await costPerWrite(dataSource);
    say(`loading ${EVENTS} events…`);
    await load(dataSource);
    say('verify (every hash recomputed in this process):');
    const started = Date.now();
    const result = await verifyChain(new AuditChainRepository(dataSource), [], null, false);
    say(`  ${JSON.stringify(result)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    say('searches (50 rows a page):');
    await searches(dataSource);
  } finally {
    await dataSource.destroy();
    if (!process.env.BENCH_KEEP) await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
