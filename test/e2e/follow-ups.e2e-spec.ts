import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { FollowUpScheduler } from '../../src/follow-ups/follow-up-scheduler.service';
import { FollowUpStepRunner } from '../../src/follow-ups/follow-up-step-runner.service';
import { FollowUp } from '../../src/follow-ups/follow-up.entity';
import { ReconcileService } from '../../src/follow-ups/reconcile.service';
import { postFollowUp } from '../support/case-flows';
import { eventually } from '../support/eventually';
import { createAgency, createDistrict, createFollowUpRecord, signedIn } from '../support/factories';
import { REDIS_URL } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const seconds = (n: number) => new Date(Date.now() + n * 1000).toISOString();

describe('follow-ups on the queue', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let owner: Awaited<ReturnType<typeof signedIn>>;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await startTestApp({ FOLLOW_UP_GRACE_WORKING_DAYS: '0', RECONCILE_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    const district = await createDistrict(app.dataSource);
    // A follow-up without a referral goes to someone of the caller's own agency.
    const agency = await createAgency(app.dataSource);
    coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district], agency });
    owner = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [district], agency });
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const notificationsOf = (resourceId: string) =>
    app.dataSource.query(
      'SELECT kind, recipient_user_id, delivery_key FROM notifications WHERE resource_id = $1 ORDER BY kind',
      [resourceId],
    );

  const deleteOurRedisKeys = async () => {
    // Losing Redis, for this deployment: every key under its prefix goes (never FLUSHALL on a shared server).
    const redis = new Redis(REDIS_URL);
    for (const pattern of [`${app.redisPrefix}:*`, `{${app.redisPrefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
    redis.disconnect();
  };

  it('reminds the owner, marks it overdue and escalates to the district coordinators, each once', async () => {
    const created = await postFollowUp(app.http, coordinator, {
      ownerId: owner.user.id,
      remindAt: seconds(0.3),
      dueAt: seconds(0.6),
    });
    expect(created.status).toBe(201);
    const rows = await eventually(
      () => notificationsOf(created.body.id),
      (found) => found.length >= 3,
    );
    expect(rows.map((row: { kind: string }) => row.kind)).toEqual([
      'follow_up.escalate',
      'follow_up.mark_overdue',
      'follow_up.remind',
    ]);
    expect(rows.find((row: { kind: string }) => row.kind === 'follow_up.escalate').recipient_user_id).toBe(
      coordinator.user.id,
    );

    const mine = await app.http.get('/api/v1/notifications?unread=true', { token: owner.token });
    expect(mine.body.items.filter((item: { resourceId: string }) => item.resourceId === created.body.id)).toHaveLength(
      2,
    );
    const first = mine.body.items.find((item: { resourceId: string }) => item.resourceId === created.body.id);
    expect(
      (await app.http.post(`/api/v1/notifications/${first.id}/read`, undefined, { token: owner.token })).status,
    ).toBe(204);
    expect(
      (await app.http.post(`/api/v1/notifications/${first.id}/read`, undefined, { token: coordinator.token })).status,
    ).toBe(404);
    const unread = await app.http.get('/api/v1/notifications?unread=true', { token: owner.token });
    expect(unread.body.items.map((item: { id: string }) => item.id)).not.toContain(first.id);
    const overdue = await app.http.get('/api/v1/follow-ups?state=overdue', { token: owner.token });
    expect(overdue.body.items.map((item: { id: string; overdue: boolean }) => [item.id, item.overdue])).toEqual([
      [created.body.id, true],
    ]);
  });

  it('stops every pending reminder when the follow-up is completed', async () => {
    const created = await postFollowUp(app.http, coordinator, {
      ownerId: owner.user.id,
      text: 'Will be done early',
      remindAt: seconds(1),
      dueAt: seconds(1.5),
    });
    const done = await app.http.post(`/api/v1/follow-ups/${created.body.id}/complete`, {}, { token: owner.token });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await notificationsOf(created.body.id)).toEqual([]);
    expect(
      (await app.http.post(`/api/v1/follow-ups/${created.body.id}/cancel`, {}, { token: owner.token })).status,
    ).toBe(409);
  });

  it('does a step once, however often its job runs', async () => {
    const followUp = await createFollowUpRecord(app.dataSource, { owner: owner.user, text: 'Twice' });
    const runner = worker.get(FollowUpStepRunner);
    const job = { followUpId: followUp.id, version: followUp.version, step: 'remind' as const };
    const results = await Promise.all([runner.run(job), runner.run(job), runner.run(job)]);
    expect(results.sort()).toEqual(['already_done', 'already_done', 'done']);
    expect(await notificationsOf(followUp.id)).toHaveLength(1);
  });

  it('loses nothing when Redis loses everything: the next reconcile fires all 1,000 due reminders exactly once', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 1000 }, (_, index) => ({
      kind: 'task',
      ownerId: owner.user.id,
      text: `Bulk ${index}`,
      dueAt: new Date(now + 3_600_000),
      remindAt: new Date(now + 1500),
      state: 'open' as const,
    }));
    const saved = await app.dataSource.getRepository(FollowUp).save(rows, { chunk: 200 });
    await app.app.get(FollowUpScheduler).schedule(saved);
    await deleteOurRedisKeys();
    await worker.get(ReconcileService).run();
    const ids = saved.map((followUp) => followUp.id);
    const count = () =>
      app.dataSource
        .query(
          `SELECT count(*)::int AS n, count(DISTINCT resource_id)::int AS distinct_ids FROM notifications WHERE kind = 'follow_up.remind' AND resource_id = ANY($1)`,
          [ids],
        )
        .then((result: { n: number; distinct_ids: number }[]) => result[0]);
    const delivered = await eventually(count, (value) => value.n >= 1000, 90_000);
    expect(delivered).toEqual({ n: 1000, distinct_ids: 1000 });
    // A second sweep, and the same jobs added again, change nothing.
    await worker.get(ReconcileService).run();
    await app.app.get(FollowUpScheduler).schedule(saved);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await count()).toEqual({ n: 1000, distinct_ids: 1000 });
  }, 120_000);

  it('delivers each reminder once with two workers side by side', async () => {
    const second = await startTestWorker();
    try {
      const now = Date.now();
      const saved = await app.dataSource.getRepository(FollowUp).save(
        Array.from({ length: 200 }, (_, index) => ({
          kind: 'task',
          ownerId: owner.user.id,
          text: `Pair ${index}`,
          dueAt: new Date(now + 3_600_000),
          remindAt: new Date(now + 500),
          state: 'open' as const,
        })),
      );
      await Promise.all([worker.get(ReconcileService).run(), second.get(ReconcileService).run()]);
      const ids = saved.map((followUp) => followUp.id);
      const result = await eventually(
        () => app.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE resource_id = ANY($1)`, [ids]),
        (value: { n: number }[]) => value[0].n >= 200,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(result[0].n).toBe(200);
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE resource_id = ANY($1)`,
        [ids],
      );
      expect(n).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('accepts a follow-up while Redis is down, and schedules it once Redis is back', async () => {
    const offline = await startTestApp(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      { database: app.database, redisPrefix: app.redisPrefix },
    );
    try {
      const started = Date.now();
      const created = await postFollowUp(offline.http, coordinator, {
        ownerId: owner.user.id,
        text: 'Made while Redis was down',
        remindAt: seconds(0.5),
        dueAt: seconds(3600),
      });
      expect(created.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await notificationsOf(created.body.id)).toEqual([]);
      await worker.get(ReconcileService).run();
      const rows = await eventually(
        () => notificationsOf(created.body.id),
        (found) => found.length >= 1,
      );
      expect(rows.map((row: { kind: string }) => row.kind)).toEqual(['follow_up.remind']);
    } finally {
      await offline.close();
    }
  });
});

describe('the queue dashboard', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('is for admins only, and shows the queues to them', async () => {
    expect((await app.http.get('/admin/queues/api/queues')).status).toBe(401);
    const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
    const refused = await app.http.get('/admin/queues/api/queues', { token: coordinator.token });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    const shown = await app.http.get('/admin/queues/api/queues', { token: admin.token });
    expect(shown.status).toBe(200);
    expect(shown.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
      'audit',
      'consents',
      'follow_ups',
      'maintenance',
      'meetings',
      'notifications',
      'referrals',
    ]);
    expect((await app.http.get('/admin/queues', { token: admin.token })).status).toBe(200);
  });
});
