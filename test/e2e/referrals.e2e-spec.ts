import { Agency } from '../../src/agencies/agency.entity';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Clock } from '../../src/clock/clock';
import { FollowUp } from '../../src/follow-ups/follow-up.entity';
import { ReconcileService } from '../../src/follow-ups/reconcile.service';
import { Notification } from '../../src/notifications/notification.entity';
import { Referral } from '../../src/referrals/referral.entity';
import { createReferral, postConsent, postFollowUp, postReferral, recordConsent } from '../support/case-flows';
import { eventually } from '../support/eventually';
import { createAgency, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const HOUR = 3_600_000;
const seconds = (n: number) => new Date(Date.now() + n * 1000).toISOString();

describe('referrals, consent and legal basis', () => {
  let app: TestApp;
  let district: { id: string };
  let teacher: Awaited<ReturnType<typeof signedIn>>;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let mentor: Awaited<ReturnType<typeof signedIn>>;
  let police: Awaited<ReturnType<typeof signedIn>>;
  let welfare: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await startTestApp();
    district = await createDistrict(app.dataSource);
    const staff = async (kind: Parameters<typeof createAgency>[1], roles: any[], name?: string) =>
      signedIn(app.http, app.dataSource, {
        roles,
        districts: [district as never],
        agency: await createAgency(app.dataSource, { ...kind, districtId: district.id, ...(name ? { name } : {}) }),
      });
    teacher = await staff({ kind: 'school' }, ['reporter']);
    coordinator = await staff({ kind: 'other' }, ['coordinator']);
    mentor = await staff({ kind: 'ngo' }, ['case_worker'], 'Mentor Programme East');
    police = await staff({ kind: 'police' }, ['reporter', 'case_worker'], 'Police Prevention East');
    welfare = await staff({ kind: 'child_welfare' }, ['case_worker'], 'Child Welfare East');
  });
  afterAll(() => app.close());

  const get = (path: string, who: { token: string }) => app.http.get(path, { token: who.token });
  const post = (path: string, body: unknown, who: { token: string }) => app.http.post(path, body, { token: who.token });

  /** A school concern about a 12-year-old, triaged by the coordinator as `refer`. */
  async function referableConcern(dateOfBirth = '2014-04-04') {
    const concern = await post(
      '/api/v1/concerns',
      {
        subject: { fullName: `Pupil ${Math.random()}`, dateOfBirth, districtId: district.id },
        category: 'online_radicalisation',
        narrative: 'Shares extremist memes, asks classmates about weapons.',
        source: 'professional',
        riskLevel: 'high',
      },
      teacher,
    );
    expect(concern.status).toBe(201);
    const triaged = await post(
      `/api/v1/concerns/${concern.body.id}/triage`,
      { outcome: 'refer', note: 'Mentor first' },
      coordinator,
    );
    expect(triaged.status).toBe(200);
    return triaged.body;
  }

  const guardianConsent = (subjectId: string, agencyIds: string[], validUntil?: string) =>
    recordConsent(app.http, coordinator, {
      subjectId,
      guardianName: 'Aisha Mother',
      agencyIds,
      purpose: 'Mentor programme',
      validUntil,
    });

  const referOnConsent = (concern: { id: string }, consentId: string, toAgencyId = mentor.user.agencyId) =>
    postReferral(app.http, coordinator, {
      concernId: concern.id,
      toAgencyId,
      programme: 'Mentor programme',
      consentId,
      reason: 'A mentor the pupil trusts',
      reviewDate: '2099-01-15',
    });

  it('refers a school concern to the mentor programme on a guardian’s consent, and reports back', async () => {
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    expect(consent).toMatchObject({ givenBy: 'guardian', active: true });

    const referral = await referOnConsent(concern, consent.id);
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({
      status: 'pending',
      legalBasis: 'consent',
      consentId: consent.id,
      pseudonym: concern.pseudonym,
    });

    // Every event of the share names its basis, the consent included.
    await get(`/api/v1/referrals/${referral.body.id}`, mentor);
    const purposes = await app.dataSource.query(
      `SELECT DISTINCT action, purpose FROM audit_events WHERE resource_id = $1 AND outcome = 'allowed' ORDER BY action`,
      [referral.body.id],
    );
    expect(purposes).toEqual([
      { action: 'referral.create', purpose: `consent:${consent.id}` },
      // The receiving agency's first look is its receipt.
      { action: 'referral.mark_seen', purpose: `consent:${consent.id}` },
      { action: 'referral.read', purpose: `consent:${consent.id}` },
    ]);

    // The programme sees the referral and, through it, the concern with the child's identity.
    expect((await get('/api/v1/referrals', mentor)).body.items.map((r: { id: string }) => r.id)).toEqual([
      referral.body.id,
    ]);
    const shared = await get(`/api/v1/concerns/${concern.id}`, mentor);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ redacted: false, subject: { fullName: concern.subject.fullName } });
    expect(shared.body).not.toHaveProperty('triage');

    // …and nothing else of that subject: another concern about the same child stays hidden.
    const second = await post(
      '/api/v1/concerns',
      {
        subjectId: concern.subject.id,
        category: 'other',
        narrative: 'A second worry',
        source: 'family',
        riskLevel: 'low',
      },
      coordinator,
    );
    expect(second.status).toBe(201);
    expect((await get(`/api/v1/concerns/${second.body.id}`, mentor)).status).toBe(404);
    // Other agencies see nothing.
    expect((await get(`/api/v1/concerns/${concern.id}`, welfare)).status).toBe(404);
    expect((await get(`/api/v1/referrals/${referral.body.id}`, welfare)).status).toBe(404);

    // The review date is a follow-up for the coordinator.
    const followUps = await app.dataSource.getRepository(FollowUp).findBy({ referralId: referral.body.id });
    expect(followUps).toEqual([
      expect.objectContaining({ kind: 'referral_review', ownerId: coordinator.user.id, state: 'open' }),
    ]);

    // The teacher follows the stages, and never the programme's notes.
    expect((await get(`/api/v1/concerns/${concern.id}`, teacher)).body.status).toBe('referred');
    const accepted = await post(
      `/api/v1/referrals/${referral.body.id}/accept`,
      { caseWorkerId: mentor.user.id, version: referral.body.version },
      mentor,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', caseWorkerId: mentor.user.id });
    expect((await get(`/api/v1/concerns/${concern.id}`, teacher)).body.status).toBe('referral_accepted');

    const note = await post(
      `/api/v1/referrals/${referral.body.id}/notes`,
      { text: 'First meeting went well; likes football.' },
      mentor,
    );
    expect(note.status).toBe(201);
    const coordinatorView = await get(`/api/v1/referrals/${referral.body.id}`, coordinator);
    expect(coordinatorView.body.notes.map((n: { text: string }) => n.text)).toEqual([
      'First meeting went well; likes football.',
    ]);
    expect((await get(`/api/v1/referrals/${referral.body.id}`, teacher)).status).toBe(404);
    expect(JSON.stringify((await get(`/api/v1/concerns/${concern.id}`, teacher)).body)).not.toContain('football');

    const started = await post(
      `/api/v1/referrals/${referral.body.id}/start`,
      { version: accepted.body.version },
      mentor,
    );
    const closed = await post(
      `/api/v1/referrals/${referral.body.id}/close`,
      { outcome: 'completed', note: 'Programme completed', version: started.body.version },
      mentor,
    );
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'completed' });
    expect((await get(`/api/v1/concerns/${concern.id}`, teacher)).body.status).toBe('closed');

    const notified = await app.dataSource.getRepository(Notification).findBy({ resourceId: referral.body.id });
    expect(notified.map((n) => n.kind).sort()).toEqual(['referral.accept', 'referral.close']);
    expect(notified.every((n) => n.recipientUserId === coordinator.user.id)).toBe(true);
  });

  it('ends the programme’s access at once when the consent is withdrawn, closing the referral', async () => {
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    const referral = (await referOnConsent(concern, consent.id)).body;
    expect((await get(`/api/v1/concerns/${concern.id}`, mentor)).status).toBe(200);

    const withdrawn = await post(`/api/v1/consents/${consent.id}/withdraw`, {}, coordinator);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.active).toBe(false);

    expect((await get(`/api/v1/concerns/${concern.id}`, mentor)).status).toBe(404);
    expect((await get(`/api/v1/referrals/${referral.id}`, mentor)).status).toBe(404);
    const board = await get(`/api/v1/referrals/${referral.id}`, coordinator);
    expect(board.body).toMatchObject({ status: 'closed', outcome: 'consent_withdrawn' });
    const notified = await app.dataSource
      .getRepository(Notification)
      .findBy({ resourceId: referral.id, kind: 'referral.close' });
    expect(notified).toHaveLength(1);
    expect((await post(`/api/v1/consents/${consent.id}/withdraw`, {}, coordinator)).status).toBe(409);
  });

  // Real time, before any test moves the app's clock.
  it('closes the referrals of a consent at the moment it ends, by a job in the worker, and tells the coordinator', async () => {
    const worker = await startTestWorker();
    try {
      const concern = await referableConcern();
      const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId], seconds(2));
      const referral = (await referOnConsent(concern, consent.id)).body;
      expect((await get(`/api/v1/referrals/${referral.id}`, mentor)).status).toBe(200);

      const closed = await eventually(
        () => app.dataSource.getRepository(Referral).findOneByOrFail({ id: referral.id }),
        (found) => found.status === 'closed',
      );
      expect(closed).toMatchObject({ status: 'closed', outcome: 'consent_withdrawn' });
      const event = await app.dataSource
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'referral.close', resourceId: referral.id });
      expect(event).toMatchObject({ actorId: null, purpose: 'consent_withdrawn' });
      const notified = await app.dataSource
        .getRepository(Notification)
        .findBy({ resourceId: referral.id, kind: 'referral.close', recipientUserId: coordinator.user.id });
      expect(notified).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });

  it('ends access at the moment the consent expires, and a read changes nothing (an injected clock, no waiting)', async () => {
    const clock = app.app.get(Clock);
    const concern = await referableConcern();
    const until = new Date(clock.now().getTime() + HOUR).toISOString();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId], until);
    const referral = (await referOnConsent(concern, consent.id)).body;

    clock.advance(HOUR - 1000);
    expect((await get(`/api/v1/concerns/${concern.id}`, mentor)).status).toBe(200);
    clock.advance(1000);
    expect((await get(`/api/v1/concerns/${concern.id}`, mentor)).status).toBe(404);
    expect((await get(`/api/v1/referrals/${referral.id}`, mentor)).status).toBe(404);
    // Reads have no side effects: the board and the detail show the referral as it was; the worker closes it.
    expect((await get('/api/v1/referrals', coordinator)).status).toBe(200);
    expect((await get(`/api/v1/referrals/${referral.id}`, coordinator)).body).toMatchObject({ status: 'pending' });
    const closures = () =>
      app.dataSource.getRepository(AuditEvent).countBy({ action: 'referral.close', resourceId: referral.id });
    expect(await closures()).toBe(0);
    const consents = await get(`/api/v1/subjects/${concern.subject.id}/consents`, coordinator);
    expect(consents.body.items).toEqual([expect.objectContaining({ id: consent.id, active: false })]);

    // The reconcile sweep is the net behind the job at the moment of expiry.
    const worker = await startTestWorker();
    try {
      worker.get(Clock).advance(HOUR);
      await worker.get(ReconcileService).run();
    } finally {
      await worker.close();
    }
    expect((await get(`/api/v1/referrals/${referral.id}`, coordinator)).body).toMatchObject({
      status: 'closed',
      outcome: 'consent_withdrawn',
    });
    expect(await closures()).toBe(1);
  });

  it('refers to the police on vital interest, with its reason, and records the basis on the share', async () => {
    const concern = await referableConcern();
    const body = {
      concernId: concern.id,
      toAgencyId: police.user.agencyId,
      legalBasis: 'vital_interest',
      reviewDate: '2099-02-01',
    };
    expect((await post('/api/v1/referrals', body, coordinator)).status).toBe(400);
    const referral = await postReferral(app.http, coordinator, {
      ...body,
      reason: 'Threats against a named classmate',
    });
    expect(referral.status).toBe(201);
    expect((await get(`/api/v1/concerns/${concern.id}`, police)).body.redacted).toBe(false);
    const [share] = await app.dataSource
      .getRepository(AuditEvent)
      .findBy({ resourceId: referral.body.id, action: 'referral.create' });
    expect(share).toMatchObject({
      purpose: 'vital_interest',
      details: expect.objectContaining({ legalBasis: 'vital_interest' }),
    });
  });

  it('refuses a referral to an agency the consent does not cover, naming it', async () => {
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    const refused = await referOnConsent(concern, consent.id, welfare.user.agencyId);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('does not cover Child Welfare East');
    const [{ count }] = await app.dataSource.query(
      'SELECT count(*)::int AS count FROM referrals WHERE concern_id = $1',
      [concern.id],
    );
    expect(count).toBe(0);
  });

  it('refuses consent from a 12-year-old alone, and a referral from an untriaged concern', async () => {
    const concern = await referableConcern();
    const alone = await postConsent(app.http, coordinator, {
      subjectId: concern.subject.id,
      givenBy: 'subject',
      agencyIds: [mentor.user.agencyId],
      purpose: 'Mentor',
    });
    expect(alone.status).toBe(422);
    expect(alone.body.errors).toEqual([expect.objectContaining({ field: 'givenBy' })]);

    const fresh = await post(
      '/api/v1/concerns',
      { subjectId: concern.subject.id, category: 'other', narrative: 'Untriaged', source: 'family', riskLevel: 'low' },
      coordinator,
    );
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    expect((await referOnConsent(fresh.body, consent.id)).status).toBe(422);
  });

  it('answers 409 naming the state to a transition the state machine does not have, and to a stale version', async () => {
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    const referral = (await referOnConsent(concern, consent.id)).body;
    const url = `/api/v1/referrals/${referral.id}`;
    const start = await post(`${url}/start`, { version: referral.version }, mentor);
    expect(start.status).toBe(409);
    expect(start.body.detail).toContain('pending');
    const accepted = await post(`${url}/accept`, { caseWorkerId: mentor.user.id, version: referral.version }, mentor);
    expect(accepted.status).toBe(200);
    const stale = await post(`${url}/accept`, { caseWorkerId: mentor.user.id, version: referral.version }, mentor);
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('accepted');
    // accepted → in_progress → closed: closing skips no step.
    const early = await post(
      `${url}/close`,
      { outcome: 'completed', note: 'Done', version: accepted.body.version },
      mentor,
    );
    expect(early.status).toBe(409);
    const decline = await post(`${url}/decline`, { reason: 'Too late', version: accepted.body.version }, mentor);
    expect(decline.status).toBe(409);
    const started = await post(`${url}/start`, { version: accepted.body.version }, mentor);
    const byHand = await post(
      `${url}/close`,
      { outcome: 'consent_withdrawn', note: 'x', version: started.body.version },
      mentor,
    );
    expect(byHand.status).toBe(422);
    const [{ status }] = await app.dataSource.query('SELECT status FROM referrals WHERE id = $1', [referral.id]);
    expect(status).toBe('in_progress');
  });

  it('keeps police concerns within the police, whatever the basis', async () => {
    const officer = police;
    const concern = await post(
      '/api/v1/concerns',
      {
        subject: { fullName: `Police case ${Math.random()}`, dateOfBirth: '2010-01-01', districtId: district.id },
        category: 'gang_crime',
        narrative: 'Police intelligence',
        source: 'professional',
        riskLevel: 'high',
      },
      officer,
    );
    await post(`/api/v1/concerns/${concern.body.id}/triage`, { outcome: 'refer', note: 'Refer' }, coordinator);
    const consent = await guardianConsent(concern.body.subject.id, [mentor.user.agencyId]);
    const refused = await referOnConsent(concern.body, consent.id);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('stays within the police');
  });

  it('ends the receiving agency’s view of a referral once it is declined', async () => {
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    const referral = (await referOnConsent(concern, consent.id)).body;
    const declined = await post(
      `/api/v1/referrals/${referral.id}/decline`,
      { reason: 'No capacity', version: referral.version },
      mentor,
    );
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    expect((await get(`/api/v1/referrals/${referral.id}`, mentor)).status).toBe(404);
    expect((await get(`/api/v1/concerns/${concern.id}`, mentor)).status).toBe(404);
    expect((await get(`/api/v1/referrals/${referral.id}`, coordinator)).body.status).toBe('declined');
    expect((await get(`/api/v1/concerns/${concern.id}`, teacher)).body.status).toBe('referral_pending');
  });

  it('lets exactly one of two simultaneous accepts win, every time', async () => {
    for (let round = 0; round < 8; round += 1) {
      const concern = await referableConcern();
      const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
      const referral = (await referOnConsent(concern, consent.id)).body;
      const answers = await Promise.all(
        [1, 2].map(() =>
          post(
            `/api/v1/referrals/${referral.id}/accept`,
            { caseWorkerId: mentor.user.id, version: referral.version },
            mentor,
          ),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    }
  });

  it('refuses a second open referral of a concern to the same agency with 409, and allows one once the first is closed', async () => {
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    const first = await referOnConsent(concern, consent.id);
    expect(first.status).toBe(201);
    const second = await referOnConsent(concern, consent.id);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ type: expect.stringMatching(/duplicate-referral$/) });
    expect(second.body.detail).toContain('Mentor Programme East');
    const reviews = await app.dataSource
      .getRepository(FollowUp)
      .countBy({ kind: 'referral_review', referralId: first.body.id });
    expect(reviews).toBe(1);
    expect(await app.dataSource.getRepository(Referral).countBy({ concernId: concern.id })).toBe(1);

    const declined = await post(
      `/api/v1/referrals/${first.body.id}/decline`,
      { reason: 'No place this term', version: first.body.version },
      mentor,
    );
    expect(declined.status).toBe(200);
    expect((await referOnConsent(concern, consent.id)).status).toBe(201);
  });

  it('creates exactly one of five identical referrals sent at once, answering the rest 409, never 500', async () => {
    for (let round = 0; round < 5; round += 1) {
      const concern = await referableConcern();
      const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => referOnConsent(concern, consent.id)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await app.dataSource.getRepository(Referral).countBy({ concernId: concern.id })).toBe(1);
      const created = answers.find((answer) => answer.status === 201)!.body;
      expect(await app.dataSource.getRepository(FollowUp).countBy({ referralId: created.id })).toBe(1);
      expect((await get(`/api/v1/concerns/${concern.id}`, teacher)).body.status).toBe('referred');
    }
  });

  it('refers one concern to two agencies at once without a deadlock', async () => {
    for (let round = 0; round < 5; round += 1) {
      const concern = await referableConcern();
      const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId, welfare.user.agencyId]);
      const answers = await Promise.all([
        referOnConsent(concern, consent.id, mentor.user.agencyId),
        referOnConsent(concern, consent.id, welfare.user.agencyId),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    }
  });

  it('lets exactly one of an accept and a decline pressed at once win', async () => {
    for (let round = 0; round < 5; round += 1) {
      const concern = await referableConcern();
      const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
      const referral = (await referOnConsent(concern, consent.id)).body;
      const answers = await Promise.all([
        post(
          `/api/v1/referrals/${referral.id}/accept`,
          { caseWorkerId: mentor.user.id, version: referral.version },
          mentor,
        ),
        post(`/api/v1/referrals/${referral.id}/decline`, { reason: 'Full', version: referral.version }, mentor),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const stored = await app.dataSource.getRepository(Referral).findOneByOrFail({ id: referral.id });
      expect(stored.status).toBe(answers[0].status === 200 ? 'accepted' : 'declined');
    }
  });

  it('gives a follow-up only to people who may work its case, naming the field, and writes nothing otherwise', async () => {
    const west = await createDistrict(app.dataSource);
    const policeWest = await signedIn(app.http, app.dataSource, {
      roles: ['reporter', 'case_worker'],
      agency: await createAgency(app.dataSource, { kind: 'police', districtId: west.id }),
    });
    const coordinatorWest = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [west] });
    const secondCoordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      districts: [district as never],
    });
    const mentorColleague = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: await app.dataSource.getRepository(Agency).findOneByOrFail({ id: mentor.user.agencyId }),
    });
    const concern = await referableConcern();
    const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId]);
    const referral = (await referOnConsent(concern, consent.id)).body;
    const followUp = (ownerId: string, who: { token: string }, referralId?: string) =>
      postFollowUp(app.http, who, { referralId, ownerId, text: 'Call the family', dueAt: '2099-03-01T09:00:00Z' });
    const before = await app.dataSource.getRepository(FollowUp).count();

    const refusals = [
      await followUp(policeWest.user.id, welfare),
      await followUp(coordinatorWest.user.id, coordinator, referral.id),
      await followUp(welfare.user.id, coordinator, referral.id),
      await followUp(welfare.user.id, mentor),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'ownerId' })]);
    }
    expect(await app.dataSource.getRepository(FollowUp).count()).toBe(before);

    expect((await followUp(mentor.user.id, coordinator, referral.id)).status).toBe(201);
    expect((await followUp(secondCoordinator.user.id, coordinator, referral.id)).status).toBe(201);
    expect((await followUp(mentorColleague.user.id, mentor)).status).toBe(201);
    expect((await followUp(secondCoordinator.user.id, coordinator)).status).toBe(201);
  });

  it('serves the coordinator’s board: filtered, ordered by review date, overdue by the clock', async () => {
    const dates = ['2099-05-03', '2099-05-01', '2099-05-02'];
    for (const [index, reviewDate] of dates.entries()) {
      // One open referral per concern and agency: each date its own concern.
      const concern = await referableConcern();
      const consent = await guardianConsent(concern.subject.id, [mentor.user.agencyId, welfare.user.agencyId]);
      await createReferral(app.http, coordinator, {
        concernId: concern.id,
        toAgencyId: index === 0 ? welfare.user.agencyId : mentor.user.agencyId,
        programme: 'Board test',
        consentId: consent.id,
        reason: 'Board',
        reviewDate,
      });
    }
    const board = await get('/api/v1/referrals?programme=Board%20test&limit=2', coordinator);
    expect(board.body.items.map((r: { reviewDate: string }) => r.reviewDate)).toEqual(['2099-05-01', '2099-05-02']);
    const next = await get(
      `/api/v1/referrals?programme=Board%20test&limit=2&cursor=${board.body.nextCursor}`,
      coordinator,
    );
    expect(next.body.items.map((r: { reviewDate: string }) => r.reviewDate)).toEqual(['2099-05-03']);
    const welfareOnly = await get(
      `/api/v1/referrals?programme=Board%20test&toAgencyId=${welfare.user.agencyId}`,
      coordinator,
    );
    expect(welfareOnly.body.items).toHaveLength(1);

    expect((await get('/api/v1/referrals?programme=Board%20test&overdue=true', coordinator)).body.items).toHaveLength(
      0,
    );
    const clock = app.app.get(Clock);
    clock.advance(Date.parse('2099-05-02T12:00:00Z') - clock.now().getTime());
    const overdue = await get('/api/v1/referrals?programme=Board%20test&overdue=true', coordinator);
    expect(overdue.body.items.map((r: { reviewDate: string; overdue: boolean }) => [r.reviewDate, r.overdue])).toEqual([
      ['2099-05-01', true],
    ]);
  });
});
