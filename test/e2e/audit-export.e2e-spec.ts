import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { AuditExportWriter } from '../../src/audit/audit-export-writer';
import { AuditService } from '../../src/audit/audit.service';
import { Clock } from '../../src/clock/clock';
import { eventually } from '../support/eventually';
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import Redis from 'ioredis';
import { REDIS_URL } from '../support/services';

/** More events than one keyset page of the worker (AUDIT_EXPORT_PAGE_SIZE below), all at one instant. */
const EVENTS = 2_500;
const PAGE = 1_000;

type Person = Awaited<ReturnType<typeof signedIn>>;

/** The auditor's background export (POST /audit/exports): written by the real worker, page by page, no cap. */
describe('an export of the trail in the background', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let auditor: Person;
  let otherAuditor: Person;
  const resourceId = randomUUID();

  beforeAll(async () => {
    app = await startTestApp({ AUDIT_EXPORT_PAGE_SIZE: String(PAGE), AUDIT_EXPORT_SWEEP_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    otherAuditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    // The refusals the auditor looks into: one instant for all, so pages break inside equal times.
    const audit = app.app.get(AuditService);
    await app.dataSource.transaction((tx) =>
      audit.recordMany(
        tx,
        Array.from({ length: EVENTS }, () => ({
          action: 'agency.read' as const,
          resourceId,
          outcome: 'denied' as const,
          actor: { id: auditor.user.id, agencyId: auditor.user.agencyId, roles: ['auditor'] },
        })),
      ),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await app.close();
  });

  const as = (who: Person) => ({ token: who.token });
  const start = (body: unknown, who = auditor) => app.http.post('/api/v1/audit/exports', body, as(who));
  const stateOf = async (id: string) => (await app.http.get(`/api/v1/audit/exports/${id}`, as(auditor))).body;
  const ready = (id: string) =>
    eventually(
      () => stateOf(id),
      (found: { state: string; expiresAt: string; finishedAt: string }) =>
        found.state === 'ready' || found.state === 'failed',
      60_000,
    );
  const expectedIds = async () =>
    (
      await app.dataSource.query(
        `SELECT id FROM audit_events WHERE resource_id = $1 AND outcome = 'denied' ORDER BY occurred_at DESC, id DESC`,
        [resourceId],
      )
    ).map((row: { id: string }) => row.id);

  it('says first how many events and which columns the export will hold', async () => {
    const response = await app.http.get(
      `/api/v1/audit/events/count?resourceId=${resourceId}&outcome=denied`,
      as(auditor),
    );
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(EVENTS);
    expect(response.body.columns[0]).toBe('occurredAt');
    expect(response.body.columns).toContain('pseudonym');
    expect((await app.http.get('/api/v1/audit/events/count?outcome=maybe', as(auditor))).status).toBe(400);
  });

  it('refuses an export without a purpose, or with an unknown filter', async () => {
    for (const body of [
      { filters: { resourceId } },
      { filters: { resourceId }, purpose: '   ' },
      { filters: { outcome: 'maybe' }, purpose: 'Review' },
      { purpose: 'Review' },
    ]) {
      const response = await start(body);
      expect([body, response.status]).toEqual([body, 400]);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  let exportId: string;

  it('writes every event of the search, in the search’s order, past a page, and notifies its auditor', async () => {
    const purpose = 'Quarterly review of refused directory reads';
    const started = await start({ filters: { resourceId, outcome: 'denied' }, purpose });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'queued', purpose, filters: { resourceId, outcome: 'denied' } });
    exportId = started.body.id;

    const done = await ready(exportId);
    expect(done).toMatchObject({ state: 'ready', rowCount: EVENTS });
    expect(new Date(done.expiresAt).getTime() - new Date(done.finishedAt).getTime()).toBe(7 * 24 * 3_600_000);

    const file = await app.http.bytes(`/api/v1/audit/exports/${exportId}/file`, as(auditor));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const lines = file.body.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'occurredAt,id,actorId,actorAgencyId,actorRoles,action,resourceType,resourceId,subjectId,pseudonym,purpose,outcome,severity,requestId,details',
    );
    const ids = lines.slice(1).map((line) => line.split(',')[1]);
    expect(ids).toEqual(await expectedIds());
    expect(new Set(ids).size).toBe(EVENTS);

    const bell = await app.http.get('/api/v1/notifications', as(auditor));
    expect(bell.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'audit_export.complete', resourceType: 'audit_export', resourceId: exportId }),
      ]),
    );
    const list = await app.http.get('/api/v1/audit/exports', as(auditor));
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(exportId);

    const events = await app.dataSource.query(
      `SELECT action, actor_id, purpose FROM audit_events WHERE resource_type = 'audit_export' AND resource_id = $1
        ORDER BY occurred_at, action`,
      [exportId],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'audit_export.create', actor_id: auditor.user.id, purpose },
        { action: 'audit_export.complete', actor_id: null, purpose: null },
        { action: 'audit_export.download', actor_id: auditor.user.id, purpose: null },
      ]),
    );
  });

  it('is its auditor’s alone: another auditor is told it does not exist', async () => {
    expect((await app.http.get(`/api/v1/audit/exports/${exportId}`, as(otherAuditor))).status).toBe(404);
    expect((await app.http.bytes(`/api/v1/audit/exports/${exportId}/file`, as(otherAuditor))).status).toBe(404);
    const theirs = await app.http.get('/api/v1/audit/exports', as(otherAuditor));
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((item: { id: string }) => item.id)).not.toContain(exportId);
  });

  it('is put back by the sweep when Redis lost its job, and completes', async () => {
    await worker.close();
    const started = await start({ filters: { resourceId }, purpose: 'Redis lost the job' });
    expect(started.status).toBe(202);
    const lostId: string = started.body.id;
    // Redis loses everything of this deployment (its own prefix only): the row still says queued.
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${app.redisPrefix}:*`);
      expect(keys.some((key) => key.includes(lostId))).toBe(true);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect((await stateOf(lostId)).state).toBe('queued');

    worker = await startTestWorker();
    // Two minutes on, for the worker: the export has waited past the sweep's minute.
    worker.get(Clock).advance(2 * 60_000);
    const swept = await worker.get(AuditExportWriter).sweep();
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    expect(await ready(lostId)).toMatchObject({ state: 'ready', rowCount: EVENTS });
  });

  it('loses its file at its expiry, removed by the worker’s sweep; the record stays', async () => {
    await app.dataSource.query(`UPDATE audit_exports SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      exportId,
    ]);
    const swept = await worker.get(AuditExportWriter).sweep();
    expect(swept.expired).toBe(1);
    expect((await app.http.bytes(`/api/v1/audit/exports/${exportId}/file`, as(auditor))).status).toBe(404);
    expect(await stateOf(exportId)).toMatchObject({ state: 'expired', rowCount: EVENTS });
    const [row] = await app.dataSource.query('SELECT file FROM audit_exports WHERE id = $1', [exportId]);
    expect(row.file).toBeNull();
    const expired = await app.dataSource.query(
      `SELECT actor_id FROM audit_events WHERE action = 'audit_export.expire' AND resource_id = $1`,
      [exportId],
    );
    expect(expired).toEqual([{ actor_id: null }]);
  });

  it('is refused to everyone but auditors', async () => {
    const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    expect((await start({ filters: {}, purpose: 'Curious' }, admin)).status).toBe(403);
    expect((await app.http.get('/api/v1/audit/exports', as(admin))).status).toBe(403);
  });
});
