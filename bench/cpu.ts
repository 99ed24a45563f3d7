/**
 * CPU and round trips per request of the hot paths, beside the raw `pg` reference (run by hand: `npm run bench:cpu`).
 *
 * Wall-clock rates on a shared machine move with everyone else's load; the CPU a server spends per request and
 * the round trips it makes to PostgreSQL per request barely do. So this:
 *
 * 1. builds a modest city (20,000 concerns by default) on a database of its own, as `npm run bench:api` does;
 * 2. starts the built API (one process, as production runs it) and the reference, each talking to PostgreSQL
 *    through a counting proxy of this script's own (every `Sync` or simple `Query` the server sends is a round trip);
 * 3. for each scenario (a concern's detail, a concern with a new subject), round after round and alternating which
 *    goes first, sends `--requests` requests over `--connections` connections and reads the server's CPU time
 *    (user + system, from /proc) and the round trips before and after;
 * 4. prints the medians per request and the ratio Samvirke ÷ reference.
 *
 * Flags: --concerns 20000 (the rest of the city scaled to it), --requests 1000, --connections 8, --rounds 5,
 * --scenarios detail,create, --skip-build, --profile (the API writes a V8 CPU profile, `--cpu-prof`, to the logs
 * directory when it stops), --keep (leave the database).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createConnection, createServer, Server as TcpServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { REDIS_URL } from '../test/support/services';
import { testRedisPrefix } from '../test/support/test-redis';
import { randomSubjectName } from './api/city';
import { createDatabase, migrate } from './api/database';
import { BENCH_PASSWORD, buildCity } from './api/dataset';
import { freePort, processTree, startServer, stopAll, stopServer, Server } from './api/processes';
import { FULL_SIZE, Sizes } from './api/sizes';

const ROOT = join(__dirname, '..');
const say = (line: string) => process.stdout.write(`${line}\n`);
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function options() {
  const { values } = parseArgs({
    options: {
      concerns: { type: 'string' },
      requests: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      scenarios: { type: 'string' },
      'skip-build': { type: 'boolean' },
      profile: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const number = (given: string | undefined, fallback: number) => {
    const value = given === undefined ? fallback : Number(given);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`not a positive number: ${given}`);
    return value;
  };
  const concerns = number(values.concerns, 20_000);
  const scale = concerns / FULL_SIZE.concerns;
  const scaled = (value: number) => Math.max(1, Math.round(value * scale));
  const sizes: Sizes = {
    ...FULL_SIZE,
    concerns,
    subjects: scaled(FULL_SIZE.subjects),
    referrals: scaled(FULL_SIZE.referrals),
    consents: scaled(FULL_SIZE.consents),
    auditEvents: scaled(FULL_SIZE.auditEvents),
    agendaItems: 20,
  };
  return {
    sizes,
    requests: number(values.requests, 1000),
    connections: number(values.connections, 8),
    rounds: number(values.rounds, 5),
    scenarios: (values.scenarios ?? 'detail,create').split(','),
    build: !values['skip-build'],
    profile: Boolean(values.profile),
    keep: Boolean(values.keep),
  };
}

/**
 * A TCP proxy in front of PostgreSQL that counts the round trips its clients make: a simple `Query` message, or a
 * `Sync` closing an extended-protocol exchange (Parse/Bind/Execute…), each waits for the server's answer.
 */
async function countingProxy(target: URL): Promise<{ port: number; roundTrips: () => number; close(): void }> {
  let roundTrips = 0;
  const sockets = new Set<Socket>();
  const server: TcpServer = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let buffered = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          // Untyped start-up messages (an SSL request, then the start-up itself: protocol 3.0).
          if (buffered.length < 8) break;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) break;
          if (buffered.readInt32BE(4) === 196608) started = true;
          buffered = buffered.subarray(length);
          continue;
        }
        if (buffered.length < 5) break;
        const length = buffered.readInt32BE(1) + 1;
        if (buffered.length < length) break;
        const type = String.fromCharCode(buffered[0]);
        if (type === 'Q' || type === 'S') roundTrips++;
        buffered = buffered.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    roundTrips: () => roundTrips,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** CPU time (user + system) of a process and its descendants, in milliseconds. */
function cpuMs(pid: number): number {
  let ticks = 0;
  for (const id of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8');
      const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      ticks += Number(after[11]) + Number(after[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1000;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => string;
  token: string;
}

/** Sends `requests` requests; answers the server's CPU ms and the round trips per request, and the failures. */
function drive(
  server: Server,
  proxy: { roundTrips: () => number },
  scenario: Scenario,
  requests: number,
  connections: number,
): Promise<{ cpuMs: number; roundTrips: number; failed: number }> {
  const headers: Record<string, string> = { authorization: `Bearer ${scenario.token}` };
  if (scenario.body) headers['content-type'] = 'application/json';
  const cpuBefore = cpuMs(server.child.pid!);
  const tripsBefore = proxy.roundTrips();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: server.url,
        connections,
        amount: requests,
        timeout: 10,
        requests: [
          {
            method: scenario.method,
            headers,
            setupRequest: (request) => ({
              ...request,
              path: scenario.path(),
              ...(scenario.body ? { body: scenario.body() } : {}),
            }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const total = result.requests.total || requests;
        resolve({
          cpuMs: (cpuMs(server.child.pid!) - cpuBefore) / total,
          roundTrips: (proxy.roundTrips() - tripsBefore) / total,
          failed: result.non2xx + result.errors,
        });
      },
    );
  });
}

async function logIn(api: Server, email: string): Promise<string> {
  const answer = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const body = (await answer.json()) as { accessToken?: string };
  if (answer.status !== 200 || !body.accessToken) throw new Error(`login of ${email} answered ${answer.status}`);
  return body.accessToken;
}

/** The Node flags of `npm run start:prod` (its memory bounds), so the API is measured as production runs it. */
function productionNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  return scripts['start:prod'].split(/\s+/).filter((word) => word.startsWith('--'));
}

async function main(): Promise<void> {
  const opts = options();
  const logs = mkdtempSync(join(tmpdir(), 'samvirke-bench-cpu-'));
  const redis = testRedisPrefix();
  const database = await createDatabase();
  const db = new Client({ connectionString: database.url });
  const proxies: { close(): void }[] = [];
  try {
    say(`samvirke bench:cpu — ${new Date().toISOString()}; logs in ${logs}`);
    if (opts.build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    await migrate(database.url, 1796000000000);
    await db.connect();
    const { city } = await buildCity(db, opts.sizes, (line) => say(line));
    await migrate(database.url);
    await db.query('VACUUM ANALYZE');
    const apiProxy = await countingProxy(new URL(database.url));
    const referenceProxy = await countingProxy(new URL(database.url));
    proxies.push(apiProxy, referenceProxy);
    const throughProxy = (port: number) => {
      const url = new URL(database.url);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    };
    const secrets = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    };
    const apiPort = await freePort();
    const api = await startServer(
      'the API',
      [
        process.execPath,
        ...productionNodeFlags(),
        ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${logs}`] : []),
        join(ROOT, 'dist', 'src', 'main.js'),
      ],
      {
        NODE_ENV: 'production',
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        DATABASE_URL: throughProxy(apiProxy.port),
        REDIS_URL,
        REDIS_PREFIX: redis.prefix,
        ...secrets,
        THROTTLE_LIMIT: '100000000',
        THROTTLE_AUTH_LIMIT: '100000',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: '10',
        API_PROCESSES: '1',
      },
      apiPort,
      join(logs, 'api.log'),
      '/health/live',
    );
    const referencePort = await freePort();
    const reference = await startServer(
      'the reference',
      [process.execPath, '-r', '@swc-node/register', join(ROOT, 'bench', 'reference-server.ts')],
      {
        PORT: String(referencePort),
        DATABASE_URL: throughProxy(referenceProxy.port),
        JWT_SECRET: secrets.JWT_SECRET,
        DATABASE_POOL_SIZE: '10',
        REFERENCE_PROCESSES: '1',
        NODE_ENV: 'production',
      },
      referencePort,
      join(logs, 'reference.log'),
      '/health/live',
    );
    const token = await logIn(api, city.coordinatorEmails[0]);
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM concerns WHERE district_id = $1 ORDER BY random() LIMIT 500',
      [city.districtId],
    );
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    const all: Scenario[] = [
      { name: 'detail', method: 'GET', path: () => `/api/v1/concerns/${pick(rows).id}`, token },
      {
        name: 'create',
        method: 'POST',
        path: () => '/api/v1/concerns',
        body: () =>
          JSON.stringify({
            subject: {
              fullName: randomSubjectName(),
              dateOfBirth: `20${10 + Math.floor(Math.random() * 6)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`,
              districtId: city.districtId,
            },
            category: pick(['violent_extremism', 'hate_crime', 'gang_crime', 'mental_health', 'other']),
            narrative: 'Teacher reports a sudden change in behaviour and new contacts online; the family is worried.',
            source: pick(['professional', 'family', 'friend']),
            riskLevel: pick(['low', 'moderate', 'high']),
          }),
        token,
      },
    ];
    const servers = [
      { name: 'Samvirke', server: api, proxy: apiProxy },
      { name: 'reference', server: reference, proxy: referenceProxy },
    ];
    const results = new Map<string, { cpuMs: number[]; roundTrips: number[] }>();
    for (const scenario of all.filter((each) => opts.scenarios.includes(each.name))) {
      // Warm-up: the JIT compiler, the pools' connections, PostgreSQL's caches.
      for (const { server, proxy } of servers) await drive(server, proxy, scenario, 300, opts.connections);
      for (let round = 0; round < opts.rounds; round++) {
        for (const { name, server, proxy } of round % 2 === 0 ? servers : [...servers].reverse()) {
          const measured = await drive(server, proxy, scenario, opts.requests, opts.connections);
          const key = `${scenario.name} ${name}`;
          const entry = results.get(key) ?? { cpuMs: [], roundTrips: [] };
          entry.cpuMs.push(measured.cpuMs);
          entry.roundTrips.push(measured.roundTrips);
          results.set(key, entry);
          say(
            `  round ${round + 1} ${scenario.name.padEnd(7)} ${name.padEnd(9)} ${measured.cpuMs.toFixed(2)} CPU ms/request, ` +
              `${measured.roundTrips.toFixed(2)} round trips/request${measured.failed ? `, ${measured.failed} FAILED` : ''}`,
          );
        }
      }
    }
    say(
      `\n## bench:cpu, ${new Date().toISOString().slice(0, 10)}: ${opts.sizes.concerns} concerns, ${opts.rounds} rounds × ${opts.requests} requests over ${opts.connections} connections (medians)\n`,
    );
    say(
      '| scenario | Samvirke CPU ms/request | round trips | reference CPU ms/request | round trips | Samvirke ÷ reference (CPU) |',
    );
    say('|---|---:|---:|---:|---:|---:|');
    for (const scenario of opts.scenarios) {
      const ours = results.get(`${scenario} Samvirke`);
      const theirs = results.get(`${scenario} reference`);
      if (!ours || !theirs) continue;
      const [cpu, trips, refCpu, refTrips] = [ours.cpuMs, ours.roundTrips, theirs.cpuMs, theirs.roundTrips].map(median);
      say(
        `| ${scenario} | ${cpu.toFixed(2)} | ${trips.toFixed(1)} | ${refCpu.toFixed(2)} | ${refTrips.toFixed(1)} | ${(cpu / refCpu).toFixed(2)}× |`,
      );
    }
    await stopServer(api);
    await stopServer(reference);
    say(`\nlogs${opts.profile ? ' and the API’s CPU profile' : ''}: ${logs}`);
  } finally {
    await stopAll();
    for (const proxy of proxies) proxy.close();
    await db.end().catch(() => undefined);
    if (opts.keep) say(`kept the database ${database.name}`);
    else await database.drop().catch((error: unknown) => say(`could not drop ${database.name}: ${String(error)}`));
    await redis.clear().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
