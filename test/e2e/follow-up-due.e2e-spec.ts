import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { followUpStepJobId, QUEUES } from '../../src/queue/queues';
import { createFollowUp } from '../support/case-flows';
import { eventually } from '../support/eventually';
import { createAgency, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const seconds = (n: number) => new Date(Date.now() + n * 1000).toISOString();
const days = (n: number) => seconds(n * 86_400);

describe('moving a follow-up’s due date', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let owner: Awaited<ReturnType<typeof signedIn>>;
  let colleague: Awaited<ReturnType<typeof signedIn>>;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let otherCoordinator: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await startTestApp({ FOLLOW_UP_GRACE_WORKING_DAYS: '0', RECONCILE_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    const district = await createDistrict(app.dataSource);
    const elsewhere = await createDistrict(app.dataSource);
    const agency = await createAgency(app.dataSource);
    owner = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [district], agency });
    colleague = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [district], agency });
    coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district], agency });
    otherCoordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      districts: [elsewhere],
      agency,
    });
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const queue = () => app.app.get<Queue>(getQueueToken(QUEUES.followUps));
  const notificationsOf = (resourceId: string) =>
    app.dataSource.query(
      'SELECT kind, delivery_key FROM notifications WHERE resource_id = $1 ORDER BY kind, delivery_key',
      [resourceId],
    );

  it('the owner moves it: the old steps go, the new ones run once, the move is audited', async () => {
    const followUp = await createFollowUp(app.http, owner, { ownerId: owner.user.id, dueAt: days(3) });
    expect(
      await queue().getJob(followUpStepJobId({ followUpId: followUp.id, version: 1, step: 'remind' })),
    ).toBeTruthy();

    const moved = await app.http.patch(
      `/api/v1/follow-ups/${followUp.id}`,
      { dueAt: seconds(1), version: followUp.version },
      { token: owner.token },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(followUp.version + 1);
    expect(new Date(moved.body.dueAt).getTime()).toBeLessThan(Date.now() + 2000);
    // The old version's jobs are gone: they would have found nothing to do anyway.
    for (const step of ['remind', 'overdue', 'escalate'] as const)
      expect(await queue().getJob(followUpStepJobId({ followUpId: followUp.id, version: 1, step }))).toBeFalsy();

    const rows = await eventually(
      () => notificationsOf(followUp.id),
      (found) => found.length >= 3,
    );
    expect(rows.map((row: { kind: string }) => row.kind)).toEqual([
      'follow_up.escalate',
      'follow_up.mark_overdue',
      'follow_up.remind',
    ]);
    expect(rows.every((row: { delivery_key: string }) => row.delivery_key.includes(`-${moved.body.version}`))).toBe(
      true,
    );
    const [event] = await app.dataSource.query(
      `SELECT actor_id, details FROM audit_events WHERE action = 'follow_up.reschedule' AND resource_id = $1`,
      [followUp.id],
    );
    expect(event.actor_id).toBe(owner.user.id);
    expect(event.details.to).toBe(moved.body.dueAt);
  });

  it('a coordinator of its district may move it; a stale version is 409 and changes nothing', async () => {
    const followUp = await createFollowUp(app.http, owner, { ownerId: owner.user.id, dueAt: days(3) });
    const moved = await app.http.patch(
      `/api/v1/follow-ups/${followUp.id}`,
      { dueAt: days(5), version: followUp.version },
      { token: coordinator.token },
    );
    expect(moved.status).toBe(200);
    // The reminder follows: one day before the new due time.
    expect(new Date(moved.body.dueAt).getTime() - new Date(moved.body.remindAt).getTime()).toBeGreaterThanOrEqual(
      23 * 3_600_000,
    );
    expect(
      await queue().getJob(followUpStepJobId({ followUpId: followUp.id, version: moved.body.version, step: 'remind' })),
    ).toBeTruthy();

    const stale = await app.http.patch(
      `/api/v1/follow-ups/${followUp.id}`,
      { dueAt: days(9), version: followUp.version },
      { token: owner.token },
    );
    expect(stale.status).toBe(409);
    const [row] = await app.dataSource.query('SELECT due_at, version FROM follow_ups WHERE id = $1', [followUp.id]);
    expect(row.version).toBe(moved.body.version);
    expect(new Date(row.due_at).toISOString()).toBe(moved.body.dueAt);
  });

  it('refuses others, a past date and a bad body, never with a 500', async () => {
    const followUp = await createFollowUp(app.http, owner, { ownerId: owner.user.id, dueAt: days(3) });
    const url = `/api/v1/follow-ups/${followUp.id}`;
    const body = { dueAt: days(4), version: followUp.version };
    expect((await app.http.patch(url, body, { token: colleague.token })).status).toBe(404);
    expect((await app.http.patch(url, body, { token: otherCoordinator.token })).status).toBe(404);
    const past = await app.http.patch(url, { ...body, dueAt: seconds(-60) }, { token: owner.token });
    expect(past.status).toBe(422);
    expect(past.body.errors[0].field).toBe('dueAt');
    expect((await app.http.patch(url, { dueAt: 'tomorrow', version: 1 }, { token: owner.token })).status).toBe(400);
    expect((await app.http.patch(url, { dueAt: days(4) }, { token: owner.token })).status).toBe(400);
    const [row] = await app.dataSource.query('SELECT version FROM follow_ups WHERE id = $1', [followUp.id]);
    expect(row.version).toBe(followUp.version);

    await app.http.post(`${url}/complete`, {}, { token: owner.token });
    expect((await app.http.patch(url, body, { token: owner.token })).status).toBe(409);
  });
});
