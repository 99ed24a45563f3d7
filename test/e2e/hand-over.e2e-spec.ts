import { INestApplicationContext } from '@nestjs/common';
import { Agency } from '../../src/agencies/agency.entity';
import { District } from '../../src/districts/district.entity';
import { createFollowUp } from '../support/case-flows';
import { buildCaseWorld, CaseWorld, SignedIn } from '../support/case-world';
import { eventually } from '../support/eventually';
import { createAgency, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const seconds = (n: number) => new Date(Date.now() + n * 1000).toISOString();

describe('handing a leaving user’s work to a colleague', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let world: CaseWorld;
  let leaving: SignedIn;
  let colleague: SignedIn;
  let elsewhere: SignedIn;
  let referralId: string;
  const followUpIds: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ FOLLOW_UP_GRACE_WORKING_DAYS: '0', RECONCILE_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    world = await buildCaseWorld(app);
    const social = await app.dataSource.getRepository(Agency).findOneByOrFail({ id: world.ids.social });
    const district = await app.dataSource.getRepository(District).findOneByOrFail({ id: world.ids.district });
    leaving = world.people.caseWorker;
    colleague = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: social,
      districts: [district],
    });
    const other = await createAgency(app.dataSource, { kind: 'social_services', districtId: world.ids.district });
    elsewhere = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: other,
      districts: [district],
    });
    referralId = world.ids.referral;
    const [{ version }] = await app.dataSource.query('SELECT version FROM referrals WHERE id = $1', [referralId]);
    const accepted = await app.http.post(
      `/api/v1/referrals/${referralId}/accept`,
      { caseWorkerId: leaving.user.id, version },
      { token: leaving.token },
    );
    expect(accepted.status).toBe(200);
    // One on the referral (made by the coordinator), one of the agency's own, whose reminder is about to go.
    followUpIds.push(
      (await createFollowUp(app.http, world.people.coordinator, { referralId, ownerId: leaving.user.id })).id,
      (
        await createFollowUp(app.http, leaving, {
          ownerId: leaving.user.id,
          remindAt: seconds(2.5),
          dueAt: seconds(3600),
        })
      ).id,
    );
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const admin = () => world.people.admin;
  const deactivate = (who: SignedIn) =>
    app.http.patch(`/api/v1/users/${who.user.id}`, { active: false }, { token: admin().token });
  const handOver = (toUserId: string, token = admin().token) =>
    app.http.post(`/api/v1/users/${leaving.user.id}/hand-over`, { toUserId }, { token });
  const owners = async () => ({
    referral: (await app.dataSource.query('SELECT case_worker_id FROM referrals WHERE id = $1', [referralId]))[0]
      .case_worker_id,
    followUps: (
      await app.dataSource.query('SELECT DISTINCT owner_id FROM follow_ups WHERE id = ANY($1)', [followUpIds])
    ).map((row: { owner_id: string }) => row.owner_id),
  });

  it('refuses to deactivate a user who still owns open work, naming it, and leaves them active', async () => {
    const refused = await deactivate(leaving);
    expect(refused.status).toBe(422);
    expect(refused.body.type).toMatch(/open-work/);
    const byField = Object.fromEntries(
      refused.body.errors.map((error: { field: string; message: string }) => [error.field, error.message]),
    );
    expect(byField.referrals).toMatch(/^1 open referral/);
    expect(byField.referrals).toContain(referralId);
    expect(byField.followUps).toMatch(/^2 open follow-up/);
    for (const id of followUpIds) expect(byField.followUps).toContain(id);
    // Counted too, for a screen that says it in its reader's language.
    expect(refused.body.openWork).toEqual({ referrals: 1, followUps: 2 });
    const [{ active }] = await app.dataSource.query('SELECT active FROM users WHERE id = $1', [leaving.user.id]);
    expect(active).toBe(true);
  });

  it('refuses a colleague who may not take the work, and anyone but an admin, moving nothing', async () => {
    const [member] = [world.people.member];
    for (const [toUserId, message] of [
      [elsewhere.user.id, /same agency/],
      [member.user.id, /case worker/],
      [leaving.user.id, /no other user/],
      ['00000000-0000-4000-8000-000000000000', /no other user/],
    ] as const) {
      const response = await handOver(toUserId);
      expect(response.status).toBe(422);
      expect(response.body.errors[0].field).toBe('toUserId');
      expect(response.body.errors.map((error: { message: string }) => error.message).join(' ')).toMatch(message);
    }
    expect((await handOver(colleague.user.id, world.people.coordinator.token)).status).toBe(403);
    expect((await handOver('not-a-uuid')).status).toBe(400);
    expect(await owners()).toEqual({ referral: leaving.user.id, followUps: [leaving.user.id] });
  });

  it('hands it all over in one step, audited and told to the colleague; the jobs follow; then deactivation succeeds', async () => {
    const [{ version: before }] = await app.dataSource.query('SELECT version FROM referrals WHERE id = $1', [
      referralId,
    ]);
    const handed = await handOver(colleague.user.id);
    expect(handed.status).toBe(200);
    expect(handed.body).toEqual({
      toUserId: colleague.user.id,
      referralIds: [referralId],
      followUpIds: expect.arrayContaining(followUpIds),
    });
    expect(await owners()).toEqual({ referral: colleague.user.id, followUps: [colleague.user.id] });
    const [{ version: after }] = await app.dataSource.query('SELECT version FROM referrals WHERE id = $1', [
      referralId,
    ]);
    expect(after).toBe(before + 1);

    const events = await app.dataSource.query(
      `SELECT action, resource_id, subject_id FROM audit_events
        WHERE action IN ('referral.hand_over', 'follow_up.hand_over', 'user.hand_over') AND outcome = 'allowed'
        ORDER BY action`,
    );
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      'follow_up.hand_over',
      'follow_up.hand_over',
      'referral.hand_over',
      'user.hand_over',
    ]);
    expect(events.find((event: { action: string }) => event.action === 'referral.hand_over').subject_id).toBe(
      world.ids.subject,
    );
    const told = await app.http.get('/api/v1/notifications?unread=true', { token: colleague.token });
    expect(told.body.items.map((item: { kind: string }) => item.kind).sort()).toEqual(
      expect.arrayContaining(['follow_up.hand_over', 'follow_up.hand_over', 'referral.hand_over']),
    );
    const theirs = await app.http.get('/api/v1/follow-ups?state=open', { token: colleague.token });
    expect(theirs.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining(followUpIds));

    // The reminder still to come reaches the new owner, once, and not the one who left.
    const reminders = await eventually(
      () =>
        app.dataSource.query(
          `SELECT recipient_user_id FROM notifications WHERE kind = 'follow_up.remind' AND resource_id = $1`,
          [followUpIds[1]],
        ),
      (rows) => rows.length > 0,
    );
    expect(reminders).toEqual([{ recipient_user_id: colleague.user.id }]);

    const deactivated = await deactivate(leaving);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
  });
});
