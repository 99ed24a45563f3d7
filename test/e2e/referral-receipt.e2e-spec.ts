import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '../../src/clock/clock';
import { ReconcileService } from '../../src/follow-ups/reconcile.service';
import { QUEUES, referralUnseenJobId } from '../../src/queue/queues';
import { ReferralReceiptJobs } from '../../src/referrals/referral-receipt';
import { createReferral, dateInDays } from '../support/case-flows';
import { buildCaseWorld, CaseWorld } from '../support/case-world';
import { eventually } from '../support/eventually';
import { createAgency, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const DAY = 24 * 3_600_000;

describe('a referral’s receipt', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let world: CaseWorld;

  beforeAll(async () => {
    app = await startTestApp({ RECONCILE_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    world = await buildCaseWorld(app);
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const get = (path: string, who: keyof CaseWorld['people']) => app.http.get(path, { token: world.people[who].token });
  const board = async (query: string) =>
    (await get(`/api/v1/referrals?districtId=${world.ids.district}&${query}`, 'coordinator')).body.items.map(
      (item: { id: string }) => item.id,
    );

  it('is marked the first time someone of the receiving agency opens it, not by the coordinator', async () => {
    const id = world.ids.referral;
    const before = await get(`/api/v1/referrals/${id}`, 'coordinator');
    expect(before.status).toBe(200);
    expect(before.body.receipt).toBeNull();
    expect(await board('receipt=unseen')).toContain(id);
    expect(await board('receipt=seen')).not.toContain(id);

    const opened = await get(`/api/v1/referrals/${id}`, 'caseWorker');
    expect(opened.status).toBe(200);
    const [{ name: agencyName }] = await app.dataSource.query('SELECT name FROM agencies WHERE id = $1', [
      world.ids.social,
    ]);
    expect(opened.body.receipt).toEqual({
      seenAt: expect.any(String),
      seenBy: { name: world.people.caseWorker.user.name, agency: agencyName },
    });
    // Opening is not changing: the version the case worker read still accepts.
    expect(opened.body.version).toBe(before.body.version);

    const again = await get(`/api/v1/referrals/${id}`, 'caseWorker');
    expect(again.body.receipt.seenAt).toBe(opened.body.receipt.seenAt);
    const events = await app.dataSource.query(
      `SELECT actor_id, subject_id FROM audit_events WHERE action = 'referral.mark_seen' AND resource_id = $1`,
      [id],
    );
    expect(events).toEqual([{ actor_id: world.people.caseWorker.user.id, subject_id: world.ids.subject }]);

    const coordinatorView = await get(`/api/v1/referrals/${id}`, 'coordinator');
    expect(coordinatorView.body.receipt).toEqual(opened.body.receipt);
    expect(await board('receipt=seen')).toContain(id);
    expect(await board('receipt=unseen')).not.toContain(id);

    const accepted = await app.http.post(
      `/api/v1/referrals/${id}/accept`,
      { caseWorkerId: world.people.caseWorker.user.id, version: before.body.version },
      { token: world.people.caseWorker.token },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.receipt.seenBy.name).toBe(world.people.caseWorker.user.name);
  });

  it('says what is new since the caller last looked', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const newer = await get(`/api/v1/referrals?districtId=${world.ids.district}&since=${past}`, 'coordinator');
    expect(newer.body.items.every((item: { newSinceLastSeen: boolean }) => item.newSinceLastSeen)).toBe(true);
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await get(`/api/v1/referrals?districtId=${world.ids.district}&since=${later}`, 'coordinator');
    expect(none.body.items.length).toBeGreaterThan(0);
    expect(none.body.items.some((item: { newSinceLastSeen: boolean }) => item.newSinceLastSeen)).toBe(false);
    expect((await get('/api/v1/referrals?since=yesterday', 'coordinator')).status).toBe(400);
    expect((await get('/api/v1/referrals?receipt=lost', 'coordinator')).status).toBe(400);
  });

  it('flags one left unseen two working days to the district’s coordinators, once, through the worker', async () => {
    const youth = await createAgency(app.dataSource, { kind: 'youth_service', districtId: world.ids.district });
    const youthWorker = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], agency: youth });
    const referral = await createReferral(app.http, world.people.coordinator, {
      concernId: world.ids.concern,
      toAgencyId: youth.id,
    });
    // Its job waits on the queue for the two working days: at least two days, at most four and a half.
    const job = await app.app
      .get<Queue>(getQueueToken(QUEUES.referrals))
      .getJob(referralUnseenJobId({ referralId: referral.id }));
    expect(job).toBeTruthy();
    expect(job!.opts.delay).toBeGreaterThanOrEqual(2 * DAY - 60_000);
    expect(job!.opts.delay).toBeLessThanOrEqual(4.5 * DAY);

    const flags = () =>
      app.dataSource.query(
        `SELECT recipient_user_id FROM notifications WHERE kind = 'referral.flag_unseen' AND resource_id = $1`,
        [referral.id],
      );
    // Too early: the job is retried later, nothing is sent.
    await expect(worker.get(ReferralReceiptJobs).flagUnseen({ referralId: referral.id })).rejects.toThrow(/not passed/);
    expect(await flags()).toEqual([]);

    // Five days on (whatever the weekday), the job is lost: the reconcile sweep flags it, once.
    worker.get(Clock).advance(5 * DAY);
    await worker.get(ReconcileService).run();
    await worker.get(ReconcileService).run();
    expect(await flags()).toEqual([{ recipient_user_id: world.people.coordinator.user.id }]);
    expect(await worker.get(ReferralReceiptJobs).flagUnseen({ referralId: referral.id })).toEqual({
      result: 'already_done',
    });
    expect(await flags()).toHaveLength(1);
    const [event] = await app.dataSource.query(
      `SELECT subject_id, actor_id FROM audit_events WHERE action = 'referral.flag_unseen' AND resource_id = $1`,
      [referral.id],
    );
    expect(event.subject_id).toBe(world.ids.subject);
    const shown = await get(`/api/v1/referrals/${referral.id}`, 'coordinator');
    expect(shown.body.unseenFlaggedAt).not.toBeNull();
    const bell = await get('/api/v1/notifications?unread=true', 'coordinator');
    expect(bell.body.items.map((item: { kind: string }) => item.kind)).toContain('referral.flag_unseen');

    // The seen (and accepted) referral of the first test was never flagged.
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'referral.flag_unseen' AND resource_id = $1`,
      [world.ids.referral],
    );
    expect(n).toBe(0);
    // Opening it after the flag still gives its receipt.
    const late = await app.http.get(`/api/v1/referrals/${referral.id}`, { token: youthWorker.token });
    expect(late.body.receipt.seenBy.name).toBe(youthWorker.user.name);
  });

  it('runs the flag from its delayed job when the time comes, through the queue', async () => {
    const agency = await createAgency(app.dataSource, { kind: 'social_services', districtId: world.ids.district });
    // Both processes' clocks a week on: the job's delay is nothing, and the worker finds the two working days gone.
    app.app.get(Clock).advance(7 * DAY);
    worker.get(Clock).advance(7 * DAY);
    const referral = await createReferral(app.http, world.people.coordinator, {
      concernId: world.ids.concern,
      toAgencyId: agency.id,
      reviewDate: dateInDays(14),
    });
    const flagged = await eventually(
      () =>
        app.dataSource.query(
          `SELECT recipient_user_id FROM notifications WHERE kind = 'referral.flag_unseen' AND resource_id = $1`,
          [referral.id],
        ),
      (rows) => rows.length > 0,
    );
    expect(flagged).toEqual([{ recipient_user_id: world.people.coordinator.user.id }]);
    const [row] = await app.dataSource.query('SELECT unseen_flagged_at FROM referrals WHERE id = $1', [referral.id]);
    expect(row.unseen_flagged_at).not.toBeNull();
  });
});
