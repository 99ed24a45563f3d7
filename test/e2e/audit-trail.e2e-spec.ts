import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { chainHash, contentHash, fieldsOfRow } from '../../src/audit/audit-hash';
import { AuditTrailService } from '../../src/audit/audit-trail.service';
import { AuditService, auditEventRow } from '../../src/audit/audit.service';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { CHECKPOINT_FILE } from '../../src/audit/checkpoint';
import { CASE_RECORD_RETENTION_VARIABLES } from '../../src/config/environment';
import { grantAppRole } from '../../src/database/app-role';
import { eventually } from '../support/eventually';
import { createConcernRecord, createDistrict, signedIn } from '../support/factories';
import { runEntryPoint } from '../support/processes';
import { startTestWorker } from '../support/test-worker';
import { startTestApp, TestApp } from '../support/test-app';

interface World {
  app: TestApp;
  directory: string;
  trail: AuditTrailService;
  /** Event ids in chain order. `write(n)` writes n transactions of two events each. */
  chain(): Promise<string[]>;
  write(count: number, writers?: number): Promise<void>;
  /** Runs SQL as a database superuser with the triggers off, as an attacker with that power would. */
  tamper(work: (manager: EntityManager) => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

async function world(env: Record<string, string> = {}): Promise<World> {
  const directory = await mkdtemp(join(tmpdir(), 'samvirke-checkpoints-'));
  const app = await startTestApp({
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    AUDIT_CHECKPOINT_DIR: directory,
    ...env,
  });
  const audit = app.app.get(AuditService);
  let written = 0;
  return {
    app,
    directory,
    trail: app.app.get(AuditTrailService),
    chain: async () =>
      (await app.dataSource.query('SELECT event_id FROM audit_chain ORDER BY seq')).map(
        (row: { event_id: string }) => row.event_id,
      ),
    async write(count, writers = 1) {
      const each = Math.ceil(count / writers);
      await Promise.all(
        Array.from({ length: writers }, (_, writer) =>
          (async () => {
            for (let index = 0; index < each; index++) {
              await app.dataSource.transaction((manager) =>
                audit.recordMany(manager, [
                  {
                    action: 'meeting.read',
                    resourceId: `w${writer}-${index}`,
                    outcome: 'allowed',
                    details: { n: written++ },
                  },
                  { action: 'meeting.read', resourceId: `w${writer}-${index}b`, outcome: 'denied' },
                ]),
              );
            }
          })(),
        ),
      );
    },
    tamper: (work) =>
      app.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL session_replication_role = replica');
        await work(manager);
      }),
    async close() {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describe('the audit trail', () => {
  describe('append-only, chained, verified', () => {
    let w: World;
    beforeAll(async () => {
      w = await world();
    });
    afterAll(() => w.close());

    it.each(['audit_events', 'audit_chain', 'audit_checkpoints'])(
      '%s refuses UPDATE, DELETE and TRUNCATE',
      async (table) => {
        await w.write(2);
        await w.trail.seal();
        for (const statement of [
          `UPDATE ${table} SET ${table === 'audit_events' ? 'action' : 'hash'} = ${table === 'audit_events' ? "'x'" : "repeat('1', 64)"}`,
          `DELETE FROM ${table}`,
          `TRUNCATE ${table}`,
        ]) {
          await expect(w.app.dataSource.query(statement)).rejects.toThrow(/append-only/);
        }
      },
    );

    it('keeps one total order under many concurrent writers, and verifies', async () => {
      await w.write(400, 20);
      const [counts] = await w.app.dataSource.query(
        `SELECT (SELECT count(*) FROM audit_events)::int AS events, (SELECT count(*) FROM audit_chain)::int AS links,
                (SELECT max(seq) FROM audit_chain)::int AS last, (SELECT count(DISTINCT seq) FROM audit_chain)::int AS distinct_seqs`,
      );
      expect(counts.links).toBe(counts.events);
      expect(counts.last).toBe(counts.events);
      expect(counts.distinct_seqs).toBe(counts.events);
      await w.trail.seal();
      const result = await w.trail.verify();
      expect(result).toEqual({ ok: true, checked: counts.events, checkpoints: { checked: 4, external: true } });
    });

    it('answers the auditor at GET /audit/verify, and no one else', async () => {
      const auditor = await signedIn(w.app.http, w.app.dataSource, { roles: ['auditor'] });
      const coordinator = await signedIn(w.app.http, w.app.dataSource, { roles: ['coordinator'] });
      const answer = await w.app.http.get('/api/v1/audit/verify', { token: auditor.token });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ ok: true, checkpoints: { external: true } });
      expect((await w.app.http.get('/api/v1/audit/verify', { token: coordinator.token })).status).toBe(403);
      const [verified] = await w.app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit_event.verify' AND actor_id = $1`,
        [auditor.user.id],
      );
      expect(verified.n).toBe(1);
    });

    it('fails closed: a read whose audit event cannot be written is refused (503), not answered unrecorded', async () => {
      const district = await createDistrict(w.app.dataSource);
      const reporter = await signedIn(w.app.http, w.app.dataSource, { roles: ['reporter'], districts: [district] });
      const concern = await createConcernRecord(w.app.dataSource, {
        reporter: reporter.user,
        districtId: district.id,
        classification: 'coordination',
        narrative: 'Read only when recorded',
      });
      await w.app.dataSource.query(`
        CREATE FUNCTION refuse_concern_reads() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action = 'concern.read' THEN RAISE EXCEPTION 'no space left for the audit trail'; END IF;
          RETURN NEW;
        END $$`);
      await w.app.dataSource.query(
        'CREATE TRIGGER refuse_concern_reads BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_concern_reads()',
      );
      try {
        const refused = await w.app.http.get(`/api/v1/concerns/${concern.id}`, { token: reporter.token });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(JSON.stringify(refused.body)).not.toContain('Read only when recorded');
      } finally {
        await w.app.dataSource.query('DROP TRIGGER refuse_concern_reads ON audit_events');
        await w.app.dataSource.query('DROP FUNCTION refuse_concern_reads()');
      }
      const answered = await w.app.http.get(`/api/v1/concerns/${concern.id}`, { token: reporter.token });
      expect(answered.status).toBe(200);
      expect(answered.body.narrative).toBe('Read only when recorded');
    });

    it('writes each checkpoint outside the database, signed', async () => {
      const lines = (await readFile(join(w.directory, CHECKPOINT_FILE), 'utf8')).trim().split('\n');
      expect(lines.length).toBe(4);
      expect(JSON.parse(lines[1])).toEqual({
        seq: expect.any(Number),
        eventId: expect.any(String),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        sealedAt: expect.any(String),
        keyId: expect.any(String),
        signature: expect.any(String),
      });
    });
  });

  describe('finds tampering', () => {
    let w: World;
    beforeEach(async () => {
      w = await world();
      await w.write(10);
      await w.trail.seal();
      await w.write(10);
      await w.trail.seal();
      await w.write(4);
    });
    afterEach(() => w.close());

    it('an edited event (the trigger disabled by a superuser)', async () => {
      const victim = (await w.chain())[12];
      await w.tamper((m) =>
        m.query(`UPDATE audit_events SET outcome = 'allowed', details = '{"n": -1}' WHERE id = $1`, [victim]),
      );
      expect(await w.trail.verify()).toMatchObject({
        ok: false,
        problem: 'edited_event',
        firstBadEventId: victim,
        checked: 12,
      });
    });

    it('a deleted event in the middle', async () => {
      const victim = (await w.chain())[7];
      await w.tamper((m) => m.query('DELETE FROM audit_events WHERE id = $1', [victim]));
      expect(await w.trail.verify()).toMatchObject({ ok: false, problem: 'missing_event', firstBadEventId: victim });
    });

    it('a deleted event with its link', async () => {
      const chain = await w.chain();
      await w.tamper(async (m) => {
        await m.query('DELETE FROM audit_chain WHERE event_id = $1', [chain[7]]);
        await m.query('DELETE FROM audit_events WHERE id = $1', [chain[7]]);
      });
      expect(await w.trail.verify()).toMatchObject({ ok: false, problem: 'missing_link', firstBadEventId: chain[8] });
    });

    it('a truncated tail, by the checkpoint that sealed it', async () => {
      await w.trail.seal();
      const chain = await w.chain();
      const kept = chain.slice(0, 18);
      await w.tamper(async (m) => {
        await m.query('DELETE FROM audit_chain WHERE NOT (event_id = ANY($1))', [kept]);
        await m.query('DELETE FROM audit_events WHERE NOT (id = ANY($1))', [kept]);
        await m.query('DELETE FROM audit_checkpoints WHERE seq > 18');
      });
      expect(await w.trail.verify()).toMatchObject({
        ok: false,
        problem: 'truncated',
        firstBadEventId: chain[chain.length - 1],
      });
    });

    it('a whole chain re-hashed after an edit, caught only by the checkpoints outside the database', async () => {
      const chain = await w.chain();
      const victim = chain[30];
      await w.tamper(async (m) => {
        await m.query(`UPDATE audit_events SET details = '{"n": -1}' WHERE id = $1`, [victim]);
        // Everything a superuser can recompute: the event's hash, then every link from it on.
        const [row] = await m.query('SELECT * FROM audit_events WHERE id = $1', [victim]);
        const rehashed = contentHash(fieldsOfRow(row));
        await m.query('UPDATE audit_events SET content_hash = $2 WHERE id = $1', [victim, rehashed]);
        await m.query('UPDATE audit_chain SET content_hash = $2 WHERE event_id = $1', [victim, rehashed]);
        const links = await m.query(
          'SELECT seq, content_hash, prev_hash FROM audit_chain WHERE seq >= 31 ORDER BY seq',
        );
        let previous = links[0].prev_hash as string;
        for (const link of links) {
          const hash = chainHash(link.seq, previous, link.content_hash);
          await m.query('UPDATE audit_chain SET prev_hash = $2, hash = $3 WHERE seq = $1', [link.seq, previous, hash]);
          previous = hash;
        }
        // The checkpoints inside the database are rewritten too; without the key they cannot be re-signed.
        await m.query('DELETE FROM audit_checkpoints WHERE seq > 20');
      });
      const insideOnly = await startTestApp(
        { AUDIT_SIGNING_KEY: undefined, AUDIT_CHECKPOINT_DIR: undefined },
        { database: w.app.database, redisPrefix: w.app.redisPrefix },
      );
      try {
        expect(await insideOnly.app.get(AuditTrailService).verify()).toMatchObject({ ok: true });
      } finally {
        await insideOnly.close();
      }
      // The second checkpoint (event 40) no longer matches: the rewrite lies after the first (event 20).
      expect(await w.trail.verify()).toMatchObject({
        ok: false,
        problem: 'checkpoint_mismatch',
        firstBadEventId: chain[20],
      });
    });

    it('and says so from the command line (npm run audit:verify), exiting 1', async () => {
      const victim = (await w.chain())[3];
      await w.tamper((m) => m.query(`UPDATE audit_events SET action = 'nothing.happened' WHERE id = $1`, [victim]));
      const cli = runEntryPoint('src/audit/verify.cli.ts', {
        DATABASE_URL: w.app.database.url,
        AUDIT_CHECKPOINT_DIR: w.directory,
        AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY,
      });
      const exit = await cli.exited();
      expect(exit.code).toBe(1);
      expect(JSON.parse(cli.output())).toMatchObject({ ok: false, problem: 'edited_event', firstBadEventId: victim });
    });
  });

  describe('in the worker', () => {
    it('seals the chain on its schedule, into the directory outside the database and the table', async () => {
      const w = await world();
      const worker = await startTestWorker({ AUDIT_SEAL_EVERY_MS: '300' });
      try {
        await w.write(3);
        const sealedUpTo = async () =>
          Number((await w.app.dataSource.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_checkpoints'))[0].seq);
        expect(await eventually(sealedUpTo, (seq) => seq >= 6)).toBeGreaterThanOrEqual(6);
        const external = (await readFile(join(w.directory, CHECKPOINT_FILE), 'utf8')).trim().split('\n');
        expect(JSON.parse(external[external.length - 1]).seq).toBeGreaterThanOrEqual(6);
        expect(await w.trail.verify()).toMatchObject({ ok: true });
      } finally {
        await worker.close();
        await w.close();
      }
    });
  });

  describe('retention', () => {
    it('drops whole months past AUDIT_RETENTION_MONTHS, sealing where the chain now starts, and still verifies', async () => {
      const w = await world({
        AUDIT_RETENTION_MONTHS: '12',
        ...Object.fromEntries(CASE_RECORD_RETENTION_VARIABLES.map((name) => [name, '12'])),
      });
      try {
        const old = new Date(Date.now() - 14 * 31 * 24 * 3_600_000);
        await w.app.dataSource.query('SELECT audit_create_month($1::date)', [old.toISOString().slice(0, 10)]);
        await w.app.dataSource.getRepository(AuditEvent).insert(
          [0, 1, 2].map((index) =>
            auditEventRow(
              {
                action: 'audit_event.verify',
                outcome: 'allowed',
                actor: { id: null, agencyId: null, roles: [] },
                details: { old: true },
              },
              null,
              new Date(old.getTime() + index * 60_000),
            ),
          ),
        );
        await w.write(3);
        const before = await w.chain();
        const dropped = await w.trail.applyRetention();
        expect(dropped).toEqual([old.toISOString().slice(0, 7)]);
        const [{ n }] = await w.app.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_events WHERE details ? 'old'`,
        );
        expect(n).toBe(0);
        const [anchor] = await w.app.dataSource.query('SELECT seq, event_id FROM audit_retention');
        expect(anchor.event_id).toBe(before[Number(anchor.seq) - 1]);
        expect(await w.trail.verify()).toMatchObject({ ok: true });
        // A retention the checkpoints outside the database do not know of is not accepted.
        await w.tamper((m) =>
          m.query('INSERT INTO audit_retention (seq, hash, event_id, month) VALUES ($1, repeat($2, 64), $3, now())', [
            Number(anchor.seq) + 3,
            'f',
            before[Number(anchor.seq) + 2],
          ]),
        );
        expect(await w.trail.verify()).toMatchObject({ ok: false, problem: 'retention_anchor' });
      } finally {
        await w.close();
      }
    });
  });

  describe('the application’s own database role', () => {
    it('may add to the audit trail and read it, but not change, delete or truncate it, even with the triggers off', async () => {
      const w = await world();
      const role = `samvirke_app_${randomBytes(4).toString('hex')}`;
      await grantAppRole(w.app.dataSource, role, 'a password');
      const url = new URL(w.app.database.url);
      url.username = role;
      url.password = 'a password';
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const row = auditEventRow(
          {
            action: 'audit_event.verify',
            outcome: 'allowed',
            actor: { id: null, agencyId: null, roles: [] },
          },
          null,
          new Date(),
        );
        await client.query(
          `INSERT INTO audit_events (id, occurred_at, actor_roles, action, resource_type, outcome, severity, details, content_hash)
           VALUES ($1, $2, '{}', $3, $4, 'allowed', 'info', '{}', $5)`,
          [row.id, row.occurredAt, row.action, row.resourceType, row.contentHash],
        );
        const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM audit_chain WHERE event_id = $1', [row.id]))
          .rows;
        expect(n).toBe(1);
        const month = row.occurredAt.toISOString().slice(0, 7).replace('-', '_');
        for (const statement of [
          `UPDATE audit_events SET action = 'x'`,
          `DELETE FROM audit_events`,
          `TRUNCATE audit_events`,
          `DELETE FROM audit_events_${month}`,
          `UPDATE audit_chain SET hash = repeat('0', 64)`,
          `DELETE FROM audit_checkpoints`,
          `SET session_replication_role = replica`,
        ]) {
          await expect(client.query(statement)).rejects.toThrow(/permission denied/);
        }
        // The case tables are its to work on.
        await expect(client.query('UPDATE concerns SET narrative = narrative WHERE false')).resolves.toBeDefined();
      } finally {
        await client.end();
        await w.app.dataSource.query(`DROP OWNED BY "${role}"`);
        await w.close();
        const admin = new Client({ connectionString: w.app.database.url.replace(/\/[^/]*$/, '/postgres') });
        await admin.connect();
        await admin.query(`DROP ROLE IF EXISTS "${role}"`);
        await admin.end();
      }
    });
  });
});
