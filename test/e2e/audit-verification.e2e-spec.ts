import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { AccessFlagsService } from '../../src/audit/access-flags.service';
import { AuditVerificationsRepository } from '../../src/audit/audit-verifications.repository';
import { AuditVerificationsService } from '../../src/audit/audit-verifications.service';
import { AuditTrailService } from '../../src/audit/audit-trail.service';
import { AuditService } from '../../src/audit/audit.service';
import { Checkpoint, CHECKPOINT_FILE } from '../../src/audit/checkpoint';
import { eventually } from '../support/eventually';
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
interface Verification {
  id: string;
  state: string;
  checked: number;
  total: number | null;
  intact: boolean | null;
  firstBadEventId: string | null;
  problem: string | null;
  checkpointsExternal: boolean | null;
  lastCheckpoint: { seq: number; eventId: string; hash: string; sealedAt: string } | null;
}

const BATCH = 250;

describe('verifications of the chain, run by the worker', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let directory: string;
  let auditor: SignedIn;
  /** The checked counts the worker wrote, run by run. */
  const progress: number[] = [];

  const start = () => app.http.post('/api/v1/audit/verifications', {}, { token: auditor.token });
  const finished = (id: string) =>
    eventually(
      async () =>
        (await app.http.get(`/api/v1/audit/verifications/${id}`, { token: auditor.token })).body as Verification,
      (verification) => ['finished', 'failed'].includes(verification.state),
      60_000,
    );

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'samvirke-verifications-'));
    const env = {
      AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
      AUDIT_CHECKPOINT_DIR: directory,
      AUDIT_VERIFY_BATCH: String(BATCH),
      FLAG_REFUSALS_PER_HOUR: '3',
      FLAG_SUBJECTS_PER_HOUR: '40',
    };
    app = await startTestApp(env);
    worker = await startTestWorker();
    const repository = worker.get(AuditVerificationsRepository, { strict: false });
    const write = repository.progress.bind(repository);
    jest.spyOn(repository, 'progress').mockImplementation(async (id, checked) => {
      progress.push(checked);
      await write(id, checked);
    });
    auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    // A chain of a few thousand events, sealed (the checkpoint goes to the file outside the database).
    const audit = app.app.get(AuditService);
    for (let chunk = 0; chunk < 30; chunk++) {
      await app.dataSource.transaction((manager) =>
        audit.recordMany(
          manager,
          Array.from({ length: 100 }, (_, index) => ({
            action: 'meeting.read' as const,
            resourceId: `m-${chunk}-${index}`,
            outcome: 'allowed' as const,
          })),
        ),
      );
    }
    await app.app.get(AuditTrailService).seal();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('runs in batches, writing its progress as it goes, and finds the trail intact against the last checkpoint', async () => {
    const [first, second] = await Promise.all([start(), start()]);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    // Asked for twice at once: one verification, not two.
    expect(second.body.id).toBe(first.body.id);
    const done = await finished(first.body.id);
    const links = Number((await app.dataSource.query('SELECT count(*) AS n FROM audit_chain'))[0].n);
    expect(done).toMatchObject({ state: 'finished', intact: true, firstBadEventId: null, problem: null });
    expect(done.total).toBeGreaterThanOrEqual(3000);
    expect(done.total).toBeLessThanOrEqual(links);
    expect(done.checked).toBe(done.total);
    // Progress after every batch of 250, rising to the whole chain.
    expect(progress.length).toBeGreaterThanOrEqual(12);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(progress[0]).toBe(BATCH);
    expect(progress[progress.length - 1]).toBe(done.total);
    // The last checkpoint it relied on: the one in the file outside the database.
    const lines = (await readFile(join(directory, CHECKPOINT_FILE), 'utf8')).trim().split('\n');
    const sealed = JSON.parse(lines[lines.length - 1]) as Checkpoint;
    expect(done.checkpointsExternal).toBe(true);
    expect(done.lastCheckpoint).toEqual({
      seq: sealed.seq,
      eventId: sealed.eventId,
      hash: sealed.hash,
      sealedAt: sealed.sealedAt,
    });
    // The list answers the newest first; each step is in the trail.
    const list = await app.http.get('/api/v1/audit/verifications?limit=1', { token: auditor.token });
    expect(list.body.items.map((item: Verification) => item.id)).toEqual([first.body.id]);
    const [events] = await app.dataSource.query(
      `SELECT count(*) FILTER (WHERE action = 'audit_verification.start')::int AS started,
              count(*) FILTER (WHERE action = 'audit_verification.run' AND details->>'ok' = 'true')::int AS ran
         FROM audit_events WHERE resource_id = $1`,
      [first.body.id],
    );
    expect(events).toEqual({ started: 2, ran: 1 });
  });

  it('names the first bad event of a tampered trail', async () => {
    const [victim] = await app.dataSource.query(
      `SELECT e.id FROM audit_events e JOIN audit_chain c ON c.event_id = e.id AND c.occurred_at = e.occurred_at
        ORDER BY c.seq OFFSET 1234 LIMIT 1`,
    );
    await app.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(`UPDATE audit_events SET resource_id = 'rewritten' WHERE id = $1`, [victim.id]);
    });
    const answer = await start();
    expect(answer.status).toBe(202);
    const done = await finished(answer.body.id);
    expect(done).toMatchObject({
      state: 'finished',
      intact: false,
      firstBadEventId: victim.id,
      problem: 'edited_event',
      checked: 1234,
    });
    const [event] = await app.dataSource.query(
      `SELECT severity FROM audit_events WHERE action = 'audit_verification.run' AND resource_id = $1`,
      [answer.body.id],
    );
    expect(event.severity).toBe('high');
  });

  it('never leaves one queued for ever: the sweep puts a lost job back, and gives up on one lost for an hour', async () => {
    const repository = worker.get(AuditVerificationsRepository, { strict: false });
    const lost = await repository.transaction((tx) => repository.queueUnlessUnfinished(tx, auditor.user.id));
    expect(lost.queued).toBe(true);
    // No job was ever put on the queue for it (as if Redis had lost it), and it has not moved for a while.
    await app.dataSource.query(
      `UPDATE audit_verifications SET updated_at = now() - interval '5 minutes' WHERE id = $1`,
      [lost.verification.id],
    );
    const sweep = worker.get(AuditVerificationsService, { strict: false });
    expect(await sweep.sweep()).toEqual({ requeued: 1, failed: 0 });
    expect((await finished(lost.verification.id)).state).toBe('finished');

    const forgotten = await repository.transaction((tx) => repository.queueUnlessUnfinished(tx, null));
    await app.dataSource.query(
      `UPDATE audit_verifications SET updated_at = now() - interval '2 hours', created_at = now() - interval '2 hours' WHERE id = $1`,
      [forgotten.verification.id],
    );
    expect(await sweep.sweep()).toEqual({ requeued: 0, failed: 1 });
    expect(await finished(forgotten.verification.id)).toMatchObject({ state: 'failed', problem: 'job_lost' });
  });

  it('is the auditor’s: refused to a coordinator and an admin; an unknown id is 404, a bad one 400', async () => {
    for (const role of ['coordinator', 'admin'] as const) {
      const other = await signedIn(app.http, app.dataSource, { roles: [role] });
      expect((await app.http.post('/api/v1/audit/verifications', {}, { token: other.token })).status).toBe(403);
      expect((await app.http.get('/api/v1/audit/verifications', { token: other.token })).status).toBe(403);
    }
    const unknown = '00000000-0000-4000-8000-000000000009';
    expect((await app.http.get(`/api/v1/audit/verifications/${unknown}`, { token: auditor.token })).status).toBe(404);
    expect((await app.http.get('/api/v1/audit/verifications/nope', { token: auditor.token })).status).toBe(400);
    expect((await app.http.get('/api/v1/audit/verifications?limit=0', { token: auditor.token })).status).toBe(400);
  });

  it('keeps GET /audit/verify answering at once', async () => {
    const answer = await app.http.get('/api/v1/audit/verify', { token: auditor.token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: false, problem: 'edited_event' });
  });
});

describe('unusual-access flags say what they were judged by', () => {
  let app: TestApp;
  // An hour of working hours that is not now, so a read now is out of hours.
  const hour = (offset: number) => `${String((new Date().getUTCHours() + offset) % 24).padStart(2, '0')}:00`;
  const workingHours = { start: hour(2), end: hour(3) };
  beforeAll(async () => {
    app = await startTestApp({
      FLAG_REFUSALS_PER_HOUR: '3',
      WORKING_HOURS: `${workingHours.start}-${workingHours.end}`,
      WORKING_TIME_ZONE: 'UTC',
    });
  });
  afterAll(() => app.close());

  it('answers the threshold and window in force when the flag was raised', async () => {
    const auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    const prober = await signedIn(app.http, app.dataSource, { roles: ['reporter'] });
    const actor = { id: prober.user.id, agencyId: null, roles: ['reporter'] };
    await app.dataSource.transaction((manager) =>
      app.app.get(AuditService).recordMany(
        manager,
        [1, 2, 3].map((n) => ({
          action: 'concern.read' as const,
          resourceId: `c-${n}`,
          outcome: 'denied' as const,
          actor,
        })),
      ),
    );
    const reader = await signedIn(app.http, app.dataSource, { roles: ['case_worker'] });
    await app.dataSource.transaction((manager) =>
      app.app.get(AuditService).record(manager, {
        action: 'concern.read',
        resourceId: 'c-9',
        subjectId: '00000000-0000-4000-8000-000000000042',
        outcome: 'allowed',
        actor: { id: reader.user.id, agencyId: null, roles: ['case_worker'] },
      }),
    );
    await app.app.get(AccessFlagsService).run();
    const flags = await app.http.get(`/api/v1/audit/flags?userId=${prober.user.id}`, { token: auditor.token });
    expect(flags.status).toBe(200);
    expect(flags.body.items).toEqual([
      expect.objectContaining({
        kind: 'repeated_refusals',
        count: 3,
        threshold: 3,
        windowMinutes: 60,
        workingHours: null,
      }),
    ]);
    const night = await app.http.get(`/api/v1/audit/flags?userId=${reader.user.id}`, { token: auditor.token });
    expect(night.body.items).toEqual([
      expect.objectContaining({
        kind: 'out_of_hours',
        threshold: null,
        windowMinutes: 24 * 60,
        workingHours: { ...workingHours, timeZone: 'UTC' },
      }),
    ]);
    // A flag raised before thresholds were kept says so: null, not today's setting.
    await app.dataSource.query('UPDATE access_flags SET threshold = NULL WHERE user_id = $1', [prober.user.id]);
    const old = await app.http.get(`/api/v1/audit/flags?userId=${prober.user.id}`, { token: auditor.token });
    expect(old.body.items[0].threshold).toBeNull();
  });
});
