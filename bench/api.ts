/**
 * The read path at scale, side by side with raw SQL (run by hand: `npm run bench:api`; issue 12).
 *
 * 1. builds the city on a database of its own, migrated from migrations/ (bench/api/dataset.ts: SQL, minutes);
 * 2. builds the API (`npm run build`) and starts it as production runs it (`node dist/src/main.js`,
 *    NODE_ENV=production), once per process count asked for, beside the raw `pg` reference server
 *    (bench/reference-server.ts) with as many processes and a pool of the same size;
 * 3. signs in through the API, makes the open vital-interest referrals through it, checks that both servers
 *    give the same answers, then drives every scenario against each server in turn, round after round;
 * 4. prints a Markdown table per process count: req/s, p50, p99, non-2xx, the API's memory, the ratio to the
 *    reference (medians over rounds) and the issue's targets;
 * 5. drops its database and Redis keys and stops what it started, Ctrl-C included.
 *
 * Flags (or BENCH_* variables): --scale 0.02 (every size times this), --concerns, --subjects, --referrals,
 * --consents, --audit-events, --districts, --vital-referrals, --agenda-items; --connections 32, --rounds 3,
 * --duration 10 (seconds per scenario and server), --warmup 2, --api-processes 1,2, --processes-env
 * API_PROCESSES, --pool 10, --scenarios list,detail,…, --cursor-depth 10, --api-env NAME=value (repeatable),
 * --skip-build, --verify (verify the whole audit chain at the end: the city's events and both servers'; minutes
 * at full size), --keep (leave the database).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditChainRepository } from '../src/audit/audit-chain.repository';
import { verifyChain } from '../src/audit/chain-verifier';
import { typeormOptions } from '../src/database/typeorm-options';
import { REDIS_URL } from '../test/support/services';
import { testRedisPrefix } from '../test/support/test-redis';
import { randomSubjectName } from './api/city';
import { BenchDatabase, createDatabase, migrate } from './api/database';
import { BENCH_PASSWORD, buildCity, City, GENERATOR_SCHEMA } from './api/dataset';
import { drive, Measured, Scenario, stopLoad } from './api/load';
import { freePort, startServer, stopAll, stopServer, Server } from './api/processes';
import { summarise, table } from './api/report';
import { agencyCount, FULL_SIZE, Sizes } from './api/sizes';

const ROOT = join(__dirname, '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      concerns: { type: 'string' },
      subjects: { type: 'string' },
      referrals: { type: 'string' },
      consents: { type: 'string' },
      'audit-events': { type: 'string' },
      districts: { type: 'string' },
      'vital-referrals': { type: 'string' },
      'agenda-items': { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'api-processes': { type: 'string' },
      'processes-env': { type: 'string' },
      pool: { type: 'string' },
      scenarios: { type: 'string' },
      'cursor-depth': { type: 'string' },
      'api-env': { type: 'string', multiple: true },
      'skip-build': { type: 'boolean' },
      verify: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const text = (name: keyof typeof values) => {
    const flag = values[name];
    return typeof flag === 'string' ? flag : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  };
  const number = (name: keyof typeof values, fallback: number) => {
    const given = text(name);
    const value = given === undefined ? fallback : Number(given);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
    return value;
  };
  const scale = number('scale', 1);
  const scaled = (value: number) => Math.max(1, Math.round(value * scale));
  const sizes: Sizes = {
    districts: number('districts', FULL_SIZE.districts),
    concerns: number('concerns', scaled(FULL_SIZE.concerns)),
    subjects: number('subjects', scaled(FULL_SIZE.subjects)),
    referrals: number('referrals', scaled(FULL_SIZE.referrals)),
    consents: number('consents', scaled(FULL_SIZE.consents)),
    auditEvents: number('audit-events', scaled(FULL_SIZE.auditEvents)),
    vitalReferrals: number('vital-referrals', FULL_SIZE.vitalReferrals),
    agendaItems: number('agenda-items', FULL_SIZE.agendaItems),
    staffPerAgency: FULL_SIZE.staffPerAgency,
  };
  return {
    sizes,
    connections: number('connections', 32),
    rounds: number('rounds', 3),
    seconds: number('duration', 10),
    warmup: number('warmup', 2),
    processCounts: (text('api-processes') ?? '1').split(',').map(Number),
    processesEnv: text('processes-env') ?? 'API_PROCESSES',
    pool: number('pool', 10),
    scenarios: text('scenarios')?.split(','),
    cursorDepth: number('cursor-depth', 10),
    apiEnv: Object.fromEntries(
      (values['api-env'] ?? []).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ) as Record<string, string>,
    build: !values['skip-build'],
    verify: Boolean(values.verify || process.env.BENCH_VERIFY),
    keep: Boolean(values.keep || process.env.BENCH_KEEP),
  };
}

type Options = ReturnType<typeof options>;

interface Secrets {
  JWT_SECRET: string;
  MFA_ENCRYPTION_KEY: string;
  AUDIT_SIGNING_KEY: string;
}

type Answer = { status: number; body: Record<string, unknown> | null };

async function post(url: string, token: string | null, body: unknown): Promise<Answer> {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json().catch(() => null)) as Answer['body'] };
}

async function get(url: string, token: string): Promise<Answer> {
  const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: answer.status, body: (await answer.json().catch(() => null)) as Answer['body'] };
}

async function logIn(api: Server, email: string): Promise<string> {
  const answer = await post(`${api.url}/api/v1/auth/login`, null, { email, password: BENCH_PASSWORD });
  if (answer.status !== 200)
    throw new Error(`login of ${email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body!.accessToken as string;
}

/** The Node flags of `npm run start:prod` (its memory bounds), so the API is measured as production runs it. */
function productionNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  return scripts['start:prod'].split(/\s+/).filter((word) => word.startsWith('--'));
}

/** Starts the API as production runs it, with `processes` processes. */
function startApi(
  options: Options,
  database: BenchDatabase,
  redisPrefix: string,
  secrets: Secrets,
  processes: number,
  logs: string,
) {
  return freePort().then((port) =>
    startServer(
      `the API (${processes} process${processes > 1 ? 'es' : ''})`,
      [process.execPath, ...productionNodeFlags(), join(ROOT, 'dist', 'src', 'main.js')],
      {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        ...secrets,
        THROTTLE_LIMIT: '100000000',
        THROTTLE_AUTH_LIMIT: '100000',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: String(options.pool),
        [options.processesEnv]: String(processes),
        ...options.apiEnv,
      },
      port,
      join(logs, `api-${processes}.log`),
      '/health/live',
    ),
  );
}

function startReference(options: Options, database: BenchDatabase, secrets: Secrets, processes: number, logs: string) {
  return freePort().then((port) =>
    startServer(
      `the reference (${processes} process${processes > 1 ? 'es' : ''})`,
      [process.execPath, '-r', '@swc-node/register', join(ROOT, 'bench', 'reference-server.ts')],
      {
        PORT: String(port),
        DATABASE_URL: database.url,
        JWT_SECRET: secrets.JWT_SECRET,
        DATABASE_POOL_SIZE: String(options.pool),
        REFERENCE_PROCESSES: String(processes),
        NODE_ENV: 'production',
      },
      port,
      join(logs, `reference-${processes}.log`),
      '/health/live',
    ),
  );
}

/**
 * The open referrals on vital interest, made by each district's coordinator through the API: police concerns
 * triaged to refer, to the city's police prevention unit. Whatever the API records when one is made, it records.
 */
async function vitalReferrals(api: Server, db: Client, city: City, count: number): Promise<number> {
  const perDistrict = Math.ceil(count / city.districtIds.length);
  const reviewDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  let made = 0;
  const problems = new Map<string, number>();
  for (const [index, districtId] of city.districtIds.entries()) {
    if (made >= count) break;
    const token = await logIn(api, city.coordinatorEmails[index]);
    const { rows } = await db.query<{ id: string }>(
      `SELECT c.id FROM concerns c JOIN agencies a ON a.id = c.owning_agency_id
        WHERE c.district_id = $1 AND c.triage_outcome = 'refer' AND a.kind = 'police' AND a.id <> $2
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.concern_id = c.id AND r.to_agency_id = $2 AND r.status IN ('pending', 'accepted', 'in_progress'))
        ORDER BY c.created_at DESC LIMIT $3`,
      [districtId, city.preventionAgencyId, Math.min(perDistrict, count - made)],
    );
    for (const { id } of rows) {
      const answer = await post(`${api.url}/api/v1/referrals`, token, {
        concernId: id,
        toAgencyId: city.preventionAgencyId,
        legalBasis: 'vital_interest',
        reason: 'Immediate risk to life: the police prevention unit takes it on.',
        reviewDate,
      });
      if (answer.status === 201) made++;
      else problems.set(`${answer.status} ${JSON.stringify(answer.body)}`, (problems.get(`${answer.status}`) ?? 0) + 1);
    }
  }
  for (const [problem] of problems) say(`  a vital-interest referral was refused: ${problem.slice(0, 300)}`);
  return made;
}

/** The first difference between two answers, as a path; null when they are the same. */
function difference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: an array and an object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
  for (const key of keys) {
    const found = difference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found) return found;
  }
  return null;
}

/** Only the shape: the keys at every level (for answers that differ by their new ids and times). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  }
  return typeof value;
}

async function scenarios(api: Server, db: Client, city: City, options: Options): Promise<Scenario[]> {
  const coordinator = await logIn(api, city.coordinatorEmails[0]);
  const reporter = await logIn(api, city.reporterEmail);
  const auditor = await logIn(api, city.auditorEmail);
  const { rows: sample } = await db.query<{ id: string }>(
    `SELECT id FROM concerns WHERE district_id = $1 ORDER BY random() LIMIT 1000`,
    [city.districtId],
  );
  const ids = sample.map((row) => row.id);
  const [{ id: coordinatorId }] = (
    await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [city.coordinatorEmails[0]])
  ).rows as [{ id: string }];
  // A later page, reached as a user would reach it: following the API's cursors.
  let cursor: string | null = null;
  for (let page = 0; page < options.cursorDepth; page++) {
    const answer = await get(`${api.url}/api/v1/concerns${cursor ? `?cursor=${cursor}` : ''}`, coordinator);
    if (answer.status !== 200)
      throw new Error(`the coordinator's list answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (!answer.body?.nextCursor) break;
    cursor = answer.body.nextCursor as string;
  }
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
  const all: Scenario[] = [
    {
      name: 'list',
      title: "coordinator's list, first page",
      method: 'GET',
      path: () => '/api/v1/concerns',
      token: coordinator,
      target: 'list',
    },
    {
      name: 'list-later',
      title: `coordinator's list, page ${options.cursorDepth + 1} by cursor`,
      method: 'GET',
      path: () => `/api/v1/concerns${cursor ? `?cursor=${cursor}` : ''}`,
      token: coordinator,
      target: 'list',
    },
    {
      name: 'mine',
      title: "reporter's own concerns",
      method: 'GET',
      path: () => '/api/v1/concerns',
      token: reporter,
      target: 'list',
    },
    {
      name: 'detail',
      title: 'concern detail',
      method: 'GET',
      path: () => `/api/v1/concerns/${pick(ids)}`,
      token: coordinator,
      target: 'detail',
    },
    {
      name: 'create',
      title: 'create a concern with a new subject',
      method: 'POST',
      path: () => '/api/v1/concerns',
      body: () =>
        JSON.stringify({
          subject: {
            fullName: randomSubjectName(),
            dateOfBirth: new Date(
              Date.UTC(
                2006 + Math.floor(Math.random() * 10),
                Math.floor(Math.random() * 12),
                1 + Math.floor(Math.random() * 28),
              ),
            )
              .toISOString()
              .slice(0, 10),
            districtId: city.districtId,
          },
          category: pick([
            'violent_extremism',
            'hate_crime',
            'gang_crime',
            'online_radicalisation',
            'mental_health',
            'other',
          ]),
          narrative: 'Teacher reports a sudden change in behaviour and new contacts online; the family is worried.',
          source: pick(['professional', 'family', 'friend']),
          riskLevel: pick(['low', 'moderate', 'high']),
        }),
      token: coordinator,
      target: 'create',
    },
    {
      name: 'referrals',
      title: 'referral board',
      method: 'GET',
      path: () => '/api/v1/referrals',
      token: coordinator,
      target: null,
    },
    {
      name: 'agenda',
      title: `forum agenda (${(await db.query('SELECT count(*)::int AS n FROM agenda_items WHERE meeting_id = $1', [city.meetingId])).rows[0].n} items)`,
      method: 'GET',
      path: () => `/api/v1/meetings/${city.meetingId}/agenda`,
      token: coordinator,
      target: null,
    },
    {
      name: 'audit',
      title: "auditor's search by actor",
      method: 'GET',
      path: () => `/api/v1/audit/events?actorId=${coordinatorId}`,
      token: auditor,
      target: null,
    },
  ];
  return options.scenarios ? all.filter((scenario) => options.scenarios!.includes(scenario.name)) : all;
}

/**
 * Both servers answer every scenario the same: reads to the letter (a detail for `details` concerns of the
 * sample), a creation in shape (its ids and times are its own).
 */
async function sameAnswers(api: Server, reference: Server, list: Scenario[], details: number): Promise<boolean> {
  let same = true;
  for (const scenario of list) {
    let found: string | null = null;
    let status = 0;
    for (let check = 0; check < (scenario.name === 'detail' ? details : 1) && !found; check++) {
      const path = scenario.path();
      const body = scenario.body?.();
      const ask = (server: Server) =>
        body === undefined
          ? get(`${server.url}${path}`, scenario.token)
          : post(`${server.url}${path}`, scenario.token, JSON.parse(body));
      const fromApi = await ask(api);
      const fromReference = await ask(reference);
      status = fromApi.status;
      found =
        fromApi.status !== fromReference.status
          ? `status ${fromApi.status} ≠ ${fromReference.status}: ${JSON.stringify(fromApi.body).slice(0, 200)} / ${JSON.stringify(fromReference.body).slice(0, 200)}`
          : scenario.method === 'POST'
            ? difference(shape(fromApi.body), shape(fromReference.body))
            : difference(fromApi.body, fromReference.body);
      if (found) found = `${path}: ${found}`;
    }
    say(`  ${scenario.name}: ${found ? `DIFFERENT (Samvirke first): ${found}` : `same answer (${status})`}`);
    if (found) same = false;
  }
  return same;
}

/** What the API logged at warn and above (pino's JSON lines), most frequent first: the causes of its failures. */
function loggedProblems(log: string): string[] {
  const counts = new Map<string, number>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; event?: string; err?: { message?: string } };
      if ((entry.level ?? 0) < 40) continue;
      const key = [entry.event, entry.msg, entry.err?.message].filter(Boolean).join(': ').slice(0, 200);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // not a log line of the API's
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([problem, count]) => `${count}× ${problem}`);
}

async function main(): Promise<void> {
  const opts = options();
  const { sizes } = opts;
  const logs = mkdtempSync(join(tmpdir(), 'samvirke-bench-api-'));
  const redis = testRedisPrefix();
  let database: BenchDatabase | undefined;
  let db: Client | undefined;
  let stopping = false;
  const cleanUp = async () => {
    stopLoad();
    await stopAll();
    await db?.end().catch(() => undefined);
    if (database && !opts.keep)
      await database.drop().catch((error: unknown) => say(`could not drop ${database!.name}: ${String(error)}`));
    else if (database) say(`kept the database ${database.name}`);
    await redis.clear().catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      say(`\n${signal}: stopping, dropping the database and the Redis keys…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    say(`samvirke bench:api — ${new Date().toISOString()}; logs in ${logs}; Redis prefix ${redis.prefix}`);
    if (opts.build) {
      say('building the API (npm run build)…');
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    }
    say(
      `the city: ${sizes.districts} districts, ${agencyCount(sizes)} agencies, ${sizes.subjects} subjects, ${sizes.concerns} concerns, ` +
        `${sizes.referrals} referrals (+${sizes.vitalReferrals} on vital interest through the API), ${sizes.consents} consents, ${sizes.auditEvents} audit events`,
    );
    database = await createDatabase();
    await migrate(database.url, GENERATOR_SCHEMA);
    db = new Client({ connectionString: database.url });
    await db.connect();
    const built = await buildCity(db, sizes, say);
    const { city } = built;
    let seconds = built.seconds;
    const later = Date.now();
    const ran = await migrate(database.url);
    say(
      `  ${ran} later migration${ran === 1 ? '' : 's'} run over the city: ${((Date.now() - later) / 1000).toFixed(1)} s`,
    );
    const vacuum = Date.now();
    await db.query('VACUUM ANALYZE');
    say(`  VACUUM ANALYZE: ${((Date.now() - vacuum) / 1000).toFixed(1)} s`);
    seconds += (Date.now() - later) / 1000;
    say(
      `  built in ${seconds.toFixed(0)} s: ${((seconds / sizes.concerns) * 100_000).toFixed(1)} s per 100,000 concerns (with its share of everything else)`,
    );
    const secrets: Secrets = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    };
    const tables: string[] = [];
    for (const [run, processes] of opts.processCounts.entries()) {
      say(
        `\n${processes} API process${processes > 1 ? 'es' : ''} (${opts.processesEnv}=${processes}), ${opts.connections} connections:`,
      );
      const api = await startApi(opts, database, redis.prefix, secrets, processes, logs);
      const reference = await startReference(opts, database, secrets, processes, logs);
      try {
        if (run === 0) {
          const made = await vitalReferrals(api, db, city, sizes.vitalReferrals);
          say(`  ${made} referrals on vital interest made through the API`);
          await db.query('ANALYZE');
        }
        const list = await scenarios(api, db, city, opts);
        say('  do both servers answer the same?');
        if (!(await sameAnswers(api, reference, list, 25))) {
          say('  the answers differ: the reference does not do what the API does, so the comparison below is not fair');
        }
        const servers = [api, reference];
        if (opts.warmup > 0) {
          for (const scenario of list) {
            for (const server of servers) {
              const warm = await drive(server.url, server.child.pid!, scenario, {
                connections: opts.connections,
                seconds: opts.warmup,
              });
              if (warm.non2xx + warm.errors > 0) {
                say(
                  `  warm-up ${scenario.name} on ${server === api ? 'Samvirke' : 'the reference'}: ${warm.non2xx + warm.errors} failed`,
                );
                for (const failure of warm.failures) say(`      ${failure}`);
              }
            }
          }
        }
        const measured = new Map<string, { api: Measured[]; reference: Measured[] }>();
        for (let round = 0; round < opts.rounds; round++) {
          for (const scenario of list) {
            // Alternating which goes first, so neither always meets the other's leftovers (autovacuum, caches).
            const order = round % 2 === 0 ? servers : [...servers].reverse();
            for (const server of order) {
              const result = await drive(server.url, server.child.pid!, scenario, {
                connections: opts.connections,
                seconds: opts.seconds,
              });
              const entry = measured.get(scenario.name) ?? { api: [], reference: [] };
              (server === api ? entry.api : entry.reference).push(result);
              measured.set(scenario.name, entry);
              say(
                `  round ${round + 1} ${scenario.name.padEnd(10)} ${server === api ? 'Samvirke ' : 'reference'} ` +
                  `${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  ` +
                  `non-2xx ${result.non2xx + result.errors}  RSS ${result.rssMb.toFixed(0)} MB`,
              );
              for (const failure of result.failures) say(`      ${failure}`);
            }
          }
        }
        const summaries = list.map((scenario) => ({
          scenario,
          api: summarise(measured.get(scenario.name)!.api),
          reference: summarise(measured.get(scenario.name)!.reference),
        }));
        tables.push(
          `### ${processes} API process${processes > 1 ? 'es' : ''} (reference: ${processes} process${processes > 1 ? 'es' : ''}, pool ${opts.pool} each)\n\n${table(summaries)}`,
        );
        for (const { scenario, api: summary } of summaries) {
          for (const failure of summary.failures) say(`  ${scenario.name} failed on Samvirke: ${failure}`);
        }
      } finally {
        // The load generator hangs up on requests still in flight: let them finish before the servers stop.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await stopServer(api);
        await stopServer(reference);
      }
      const problems = loggedProblems(api.log);
      if (problems.length > 0) say(`  the API logged (warn and above; all in ${api.log}):`);
      for (const problem of problems.slice(0, 8)) say(`    ${problem}`);
    }
    say(
      `\n## bench:api, ${new Date().toISOString().slice(0, 10)}: ${sizes.concerns} concerns, ${opts.connections} connections, ` +
        `${opts.rounds} rounds × ${opts.seconds} s per scenario and server (medians over rounds)\n`,
    );
    say(tables.join('\n\n'));
    say(`\nlogs: ${logs}`);
    if (opts.verify) {
      // Both servers' events, and the city's, hold together: the chain verifies as `npm run audit:verify` would.
      const started = Date.now();
      const dataSource = await new DataSource({ ...typeormOptions(database.url), logging: false }).initialize();
      try {
        const result = await verifyChain(new AuditChainRepository(dataSource), [], null, false);
        say(`audit chain after the run: ${JSON.stringify(result)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    if (!stopping) await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
