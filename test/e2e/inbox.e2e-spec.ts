import { createReferral } from '../support/case-flows';
import { buildCaseWorld, CaseWorld } from '../support/case-world';
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The referral inbox's last look, kept on the server per user: what is new to a case worker follows them. */
describe('the referral inbox’s last look', () => {
  let app: TestApp;
  let world: CaseWorld;
  let colleague: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await startTestApp();
    world = await buildCaseWorld(app);
    const [social] = await app.dataSource.query('SELECT * FROM agencies WHERE id = $1', [world.ids.social]);
    const [district] = await app.dataSource.query('SELECT * FROM districts WHERE id = $1', [world.ids.district]);
    colleague = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: social,
      districts: [district],
    });
  });
  afterAll(() => app.close());

  type Caller = { token: string };
  const state = (who: Caller) => app.http.get('/api/v1/me/inboxes/referrals', { token: who.token });
  const markSeen = (who: Caller) => app.http.post('/api/v1/me/inboxes/referrals/seen', {}, { token: who.token });
  const inbox = async (who: Caller, since: string) => {
    const response = await app.http.get(`/api/v1/referrals?since=${encodeURIComponent(since)}`, { token: who.token });
    expect(response.status).toBe(200);
    return new Map(
      (response.body.items as { id: string; newSinceLastSeen: boolean }[]).map((item) => [
        item.id,
        item.newSinceLastSeen,
      ]),
    );
  };
  const work = async (who: Caller) => (await app.http.get('/api/v1/me/work', { token: who.token })).body;

  /** A second concern of the world's subject, triaged `refer`, referred to social services. */
  async function referAnother(): Promise<string> {
    const concern = await app.http.post(
      '/api/v1/concerns',
      {
        subjectId: world.ids.subject,
        category: 'hate_crime',
        narrative: 'Seen again',
        source: 'professional',
        riskLevel: 'low',
      },
      { token: world.people.reporter.token },
    );
    expect(concern.status).toBe(201);
    await app.http.post(
      `/api/v1/concerns/${concern.body.id}/triage`,
      { outcome: 'refer', note: 'To social services' },
      { token: world.people.coordinator.token },
    );
    return (
      await createReferral(app.http, world.people.coordinator, {
        concernId: concern.body.id,
        toAgencyId: world.ids.social,
      })
    ).id as string;
  }

  it('is never at first, is kept once marked, and each user has their own', async () => {
    const caseWorker = world.people.caseWorker;
    const before = await state(caseWorker);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ inbox: 'referrals', seenAt: null });
    // Never looked: only the pending, unopened referral is new on the home page.
    expect((await work(caseWorker)).referralsNew).toBe(1);

    const seen = await markSeen(caseWorker);
    expect(seen.status).toBe(200);
    expect(Date.parse(seen.body.seenAt)).toBeGreaterThan(Date.now() - 60_000);
    // Kept on the server: asked again (a reload, another device, the next sign-in) it is the same.
    expect((await state(caseWorker)).body.seenAt).toBe(seen.body.seenAt);
    // The colleague of the same agency has not looked: theirs is their own.
    expect((await state(colleague)).body.seenAt).toBeNull();

    const events = await app.dataSource.query(
      `SELECT action, actor_id, resource_id FROM audit_events WHERE action IN ('inbox.read', 'inbox.mark_seen') AND actor_id = $1 ORDER BY occurred_at`,
      [caseWorker.user.id],
    );
    expect(events).toEqual([
      { action: 'inbox.read', actor_id: caseWorker.user.id, resource_id: caseWorker.user.id },
      { action: 'inbox.mark_seen', actor_id: caseWorker.user.id, resource_id: caseWorker.user.id },
      { action: 'inbox.read', actor_id: caseWorker.user.id, resource_id: caseWorker.user.id },
    ]);
  });

  it('flags against the stored look what is sent or changed after it, and marking moves it', async () => {
    const caseWorker = world.people.caseWorker;
    // Opened by the case worker: no longer unopened, and older than their last look.
    expect((await app.http.get(`/api/v1/referrals/${world.ids.referral}`, { token: caseWorker.token })).status).toBe(
      200,
    );
    const first = (await state(caseWorker)).body.seenAt as string;
    expect((await inbox(caseWorker, first)).get(world.ids.referral)).toBe(false);
    expect((await work(caseWorker)).referralsNew).toBe(0);

    const later = await referAnother();
    const listed = await inbox(caseWorker, first);
    expect(listed.get(later)).toBe(true);
    expect(listed.get(world.ids.referral)).toBe(false);
    expect((await work(caseWorker)).referralsNew).toBe(1);

    // The colleague accepts the first one: changed since the case worker last looked.
    const current = await app.http.get(`/api/v1/referrals/${world.ids.referral}`, { token: colleague.token });
    const accepted = await app.http.post(
      `/api/v1/referrals/${world.ids.referral}/accept`,
      { caseWorkerId: colleague.user.id, version: current.body.version },
      { token: colleague.token },
    );
    expect(accepted.status).toBe(200);
    expect((await inbox(caseWorker, first)).get(world.ids.referral)).toBe(true);
    expect((await work(caseWorker)).referralsNew).toBe(2);

    const moved = (await markSeen(caseWorker)).body.seenAt as string;
    expect(Date.parse(moved)).toBeGreaterThan(Date.parse(first));
    expect((await state(caseWorker)).body.seenAt).toBe(moved);
    const after = await inbox(caseWorker, moved);
    expect(after.get(world.ids.referral)).toBe(false);
    // Still pending and nobody of the agency has opened it: new on the home page until opened.
    expect(after.get(later)).toBe(false);
    expect((await work(caseWorker)).referralsNew).toBe(1);
    await app.http.get(`/api/v1/referrals/${later}`, { token: caseWorker.token });
    expect((await work(caseWorker)).referralsNew).toBe(0);
    // The colleague's look is untouched by all this.
    expect((await state(colleague)).body.seenAt).toBeNull();
  });

  it('is refused to whoever may not list referrals, and an unknown inbox is a 400', async () => {
    expect((await state(world.people.admin)).status).toBe(403);
    expect((await markSeen(world.people.auditor)).status).toBe(403);
    const unknown = await app.http.get('/api/v1/me/inboxes/concerns', { token: world.people.caseWorker.token });
    expect(unknown.status).toBe(400);
  });
});
