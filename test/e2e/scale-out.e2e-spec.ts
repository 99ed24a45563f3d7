import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { createServer, Server } from 'node:net';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { typeormOptions } from '../../src/database/typeorm-options';
import { freePort } from '../../src/local/local-services';
import { postFollowUp } from '../support/case-flows';
import { eventually } from '../support/eventually';
import { createAgency, createDistrict, createUser, signedIn } from '../support/factories';
import { Http } from '../support/http';
import { childPids, isRunning, runEntryPoint, RunningProcess } from '../support/processes';
import { REDIS_URL } from '../support/services';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRedisPrefix } from '../support/test-redis';

const AUTH_LIMIT = 5;

/**
 * API processes and workers as separate processes on this file's database and Redis prefix: every
 * guarantee that holds for one copy holds across copies, because they share nothing but PostgreSQL
 * and Redis.
 */
describe('the service scaled out', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const redis = testRedisPrefix();
  // One deployment: every process gets the same secrets.
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    ...secrets,
    LOG_LEVEL: 'info',
    MFA_ENFORCED: 'false',
    THROTTLE_LIMIT: '100000',
    THROTTLE_AUTH_LIMIT: String(AUTH_LIMIT),
    HOST: '127.0.0.1',
  });

  /** Starts the API from source on a free port; resolves once it answers. */
  const startApi = async (extra: Record<string, string> = {}) => {
    const port = await freePort();
    const api = runEntryPoint('src/main.ts', { ...env(), PORT: String(port), ...extra });
    const http = new Http(`http://127.0.0.1:${port}`);
    await api.waitFor(/successfully started/, 40_000);
    await eventually(
      () =>
        http.get('/health/live').then(
          (response) => response.status,
          () => 0,
        ),
      (status) => status === 200,
    );
    return { process: api, http, port };
  };

  const stop = async (running: RunningProcess) => {
    running.child.kill('SIGTERM');
    return running.exited();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(typeormOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await redis.clear();
    await database.drop();
  });

  describe('two API processes and two workers on one database', () => {
    let apis: { process: RunningProcess; http: Http }[];
    let workers: RunningProcess[];
    let district: Awaited<ReturnType<typeof createDistrict>>;

    beforeAll(async () => {
      // A reconcile sweep every second: the sweep and the scheduled jobs race for the same reminders.
      const workerEnv = { ...env(), RECONCILE_EVERY_MS: '1000' };
      workers = [runEntryPoint('src/worker.ts', workerEnv), runEntryPoint('src/worker.ts', workerEnv)];
      apis = await Promise.all([startApi(), startApi()]);
      await Promise.all(workers.map((worker) => worker.waitFor(/"msg":"worker ready"/, 40_000)));
      district = await createDistrict(dataSource);
    }, 90_000);
    afterAll(async () => {
      const exits = await Promise.all(
        [...apis, ...workers.map((process) => ({ process }))].map((p) => stop(p.process)),
      );
      expect(exits.map((exit) => exit.code ?? exit.signal)).not.toContain(1);
    }, 30_000);

    it('counts the auth rate limit once across both API processes', async () => {
      const statuses: number[] = [];
      // Alternating: each process sees only half the requests, so a per-process count would never refuse.
      for (let attempt = 0; attempt < AUTH_LIMIT + 2; attempt += 1) {
        const { http } = apis[attempt % 2];
        statuses.push((await http.post('/api/v1/auth/refresh', { refreshToken: 'r'.repeat(43) })).status);
      }
      expect(statuses).toEqual([...Array<number>(AUTH_LIMIT).fill(401), 429, 429]);
    });

    it('keeps one dense, verifiable audit chain under concurrent writes through both processes', async () => {
      const [a, b] = apis;
      const reporter = await signedIn(a.http, dataSource, {
        roles: ['reporter'],
        agency: await createAgency(dataSource, { kind: 'school' }),
      });
      const created = await Promise.all(
        Array.from({ length: 24 }, (_, index) =>
          apis[index % 2].http.post(
            '/api/v1/concerns',
            {
              subject: { fullName: `Scale Subject ${index}`, dateOfBirth: '2011-03-04', districtId: district.id },
              category: 'other',
              narrative: `Seen from process ${index % 2}`,
              source: 'professional',
              riskLevel: 'low',
              classification: 'coordination',
            },
            { token: reporter.token },
          ),
        ),
      );
      expect(created.map((response) => response.status)).toEqual(Array(24).fill(201));

      const auditor = await signedIn(b.http, dataSource, { roles: ['auditor'] });
      const [{ written }] = await dataSource.query('SELECT count(*)::int AS written FROM audit_chain');
      const verified = await b.http.get('/api/v1/audit/verify', { token: auditor.token });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ ok: true });
      // Counted in one statement, so a worker's write in between cannot skew it.
      const [chain] = await dataSource.query(
        `SELECT (SELECT count(*)::int FROM audit_chain) AS links,
                (SELECT min(seq)::int FROM audit_chain) AS first,
                (SELECT max(seq)::int FROM audit_chain) AS last,
                (SELECT count(*)::int FROM audit_events) AS events,
                (SELECT count(*)::int FROM audit_events WHERE action = 'concern.create') AS concerns`,
      );
      expect(chain.concerns).toBe(24);
      expect(chain.first).toBe(1);
      expect(chain.last).toBe(chain.links); // no gap, no repeat
      expect(chain.events).toBe(chain.links); // every event has its place
      expect(verified.body.checked).toBeGreaterThanOrEqual(written); // it walked every link the writes made
    }, 30_000);

    it('delivers each reminder exactly once with two worker processes', async () => {
      const agency = await createAgency(dataSource);
      const coordinator = await signedIn(apis[0].http, dataSource, {
        roles: ['coordinator'],
        districts: [district],
        agency,
      });
      const owner = await createUser(dataSource, { roles: ['case_worker'], districts: [district], agency });
      const remindAt = new Date(Date.now() + 1500).toISOString();
      const dueAt = new Date(Date.now() + 3_600_000).toISOString();
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          postFollowUp(apis[index % 2].http, coordinator, {
            ownerId: owner.id,
            text: `Scale reminder ${index}`,
            remindAt,
            dueAt,
          }),
        ),
      );
      expect(created.map((response) => response.status)).toEqual(Array(20).fill(201));
      const ids = created.map((response) => response.body.id as string);

      const delivered = () =>
        dataSource.query<{ resource_id: string; id: string }[]>(
          `SELECT resource_id, id FROM notifications WHERE resource_id = ANY($1) AND delivered_at IS NOT NULL`,
          [ids],
        );
      expect((await eventually(delivered, (rows) => rows.length >= 20)).length).toBe(20);
      // Time for a late duplicate from either worker's jobs or sweeps to show up.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const rows = await delivered();
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((row) => row.resource_id)).size).toBe(20);
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE resource_id = ANY($1)`,
        [ids],
      );
      expect(n).toBe(20);
      // Delivered once across both workers: each notification's delivery is logged by exactly one of them, once.
      const deliveries = workers
        .flatMap((worker) => worker.output().split('\n'))
        .filter((line) => line.includes('"event":"notification.delivered"'))
        .map((line) => JSON.parse(line).notificationId as string);
      for (const row of rows) expect(deliveries.filter((id) => id === row.id)).toHaveLength(1);
    }, 30_000);
  });

  describe('API_PROCESSES', () => {
    it('is validated: at least 1, 1 by default', () => {
      const base = { DATABASE_URL: 'postgres://x/y', ...secrets };
      expect(validateEnvironment(base).API_PROCESSES).toBe(1);
      expect(validateEnvironment({ ...base, API_PROCESSES: '3' }).API_PROCESSES).toBe(3);
      for (const bad of ['0', 'two', '1.5', ''])
        expect(() => validateEnvironment({ ...base, API_PROCESSES: bad })).toThrow(/API_PROCESSES/);
    });

    it('runs that many processes on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
      const { process: primary, port } = await startApi({ API_PROCESSES: '2' });
      const primaryPid = primary.child.pid!;
      try {
        await primary.waitFor(/(successfully started[\s\S]*){2}/, 40_000);
        const children = childPids(primaryPid);
        expect(children).toHaveLength(2);

        // Each request on a connection of its own: the primary hands connections out in turn.
        const statuses = [];
        for (let index = 0; index < 8; index += 1) statuses.push(await statusOnNewConnection(port, '/health/live'));
        expect(statuses).toEqual(Array(8).fill(200));
        const servedBy = () =>
          primary
            .output()
            .split('\n')
            .filter((line) => line.includes('"path":"/health/live"'))
            .map((line) => JSON.parse(line).pid as number);
        await eventually(
          () => servedBy().length,
          (n) => n >= 8,
        );
        expect(new Set(servedBy())).toEqual(new Set(children));

        // One dies: another takes its place, and the port still answers.
        process.kill(children[0], 'SIGKILL');
        await primary.waitFor(/"event":"api.cluster.restart"/);
        await primary.waitFor(/(successfully started[\s\S]*){3}/, 40_000);
        const replaced = childPids(primaryPid);
        expect(replaced).toHaveLength(2);
        expect(replaced).toContain(children[1]);
        expect(replaced).not.toContain(children[0]);
        expect(await statusOnNewConnection(port, '/health/live')).toBe(200);

        const { code } = await stop(primary);
        expect(code).toBe(0);
        expect(primary.output()).toMatch(/"msg":"API processes stopped"/);
        for (const pid of [...children, ...replaced]) expect(isRunning(pid)).toBe(false);
      } finally {
        if (isRunning(primaryPid)) await stop(primary);
      }
    }, 60_000);

    it('stops, rather than restarting in a loop, when its processes cannot start', async () => {
      const port = await freePort();
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
      try {
        const primary = runEntryPoint('src/main.ts', { ...env(), PORT: String(port), API_PROCESSES: '2' });
        const { code } = await primary.exited();
        expect(code).toBe(1);
        expect(primary.output()).toMatch(/"event":"api.cluster.start_failed"/);
        expect(primary.output()).not.toMatch(/"event":"api.cluster.restart"/);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    }, 40_000);
  });
});

/** GET on a connection of its own (no keep-alive), so that the cluster's primary hands each to the next process. */
function statusOnNewConnection(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}
