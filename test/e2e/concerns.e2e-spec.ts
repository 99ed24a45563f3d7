import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Agency } from '../../src/agencies/agency.entity';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { deliverJobId, QUEUES } from '../../src/queue/queues';
import { createReferral } from '../support/case-flows';
import {
  createAgency,
  createConsentRecord,
  createDistrict,
  createReferralRecord,
  signedIn,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const NARRATIVE = 'Pupil shared extremist videos in class and spoke of "cleansing" the school. Æøå, عربي, Soomaali, 🙂';

describe('concerns, end to end', () => {
  let subject: TestApp;
  let east: { id: string };
  let west: { id: string };

  beforeAll(async () => {
    subject = await startTestApp();
    east = await createDistrict(subject.dataSource, 'Scenario East');
    west = await createDistrict(subject.dataSource, 'Scenario West');
  });
  afterAll(() => subject.close());

  const person = async (
    kind: Parameters<typeof createAgency>[1] extends infer F ? F : never,
    roles: any[],
    district = east,
  ) =>
    signedIn(subject.http, subject.dataSource, {
      roles,
      districts: [district as any],
      agency: await createAgency(subject.dataSource, { ...(kind as object), districtId: district.id }),
    });

  const logConcern = (token: string, fields: Record<string, unknown> = {}) =>
    subject.http.post(
      '/api/v1/concerns',
      {
        subject: { fullName: `Ola Nordmann ${Math.random()}`, dateOfBirth: '2011-03-14', districtId: east.id },
        category: 'violent_extremism',
        narrative: NARRATIVE,
        source: 'professional',
        riskLevel: 'moderate',
        ...fields,
      },
      { token },
    );

  it('follows a concern from a teacher to the coordinators, the police, health and the auditor', async () => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const coordinatorEast = await person({ kind: 'other' }, ['coordinator']);
    const coordinatorWest = await person({ kind: 'other' }, ['coordinator'], west);
    const police = await person({ kind: 'police' }, ['reporter', 'case_worker']);
    const nurse = await person({ kind: 'health' }, ['reporter', 'case_worker']);
    const auditor = await person({ kind: 'other' }, ['auditor']);

    // A school teacher logs a concern, registering the pupil in the same request.
    const created = await logConcern(teacher.token);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      redacted: false,
      status: 'new',
      classification: 'coordination',
      narrative: NARRATIVE,
    });
    const concernId = created.body.id;

    // The district's coordinator sees it, in full, in the triage list.
    const triageList = await subject.http.get('/api/v1/concerns?status=new', { token: coordinatorEast.token });
    const listed = triageList.body.items.find((item: { id: string }) => item.id === concernId);
    expect(listed).toMatchObject({ redacted: false, narrative: NARRATIVE, subject: { fullName: expect.any(String) } });

    // The other district's coordinator does not.
    const westList = await subject.http.get('/api/v1/concerns', { token: coordinatorWest.token });
    expect(westList.body.items.map((item: { id: string }) => item.id)).not.toContain(concernId);
    expect((await subject.http.get(`/api/v1/concerns/${concernId}`, { token: coordinatorWest.token })).status).toBe(
      404,
    );

    // A police officer of the same district does not know it exists: the same 404 as a made-up id.
    const policeRead = await subject.http.get(`/api/v1/concerns/${concernId}`, { token: police.token });
    const madeUp = await subject.http.get('/api/v1/concerns/00000000-0000-4000-8000-000000000000', {
      token: police.token,
    });
    expect(policeRead.status).toBe(404);
    expect({ ...policeRead.body, instance: null, requestId: null }).toEqual({
      ...madeUp.body,
      instance: null,
      requestId: null,
    });

    // A health concern, agency_restricted by default, shows the coordinator only a stub.
    const health = await logConcern(nurse.token, { category: 'mental_health' });
    expect(health.body.classification).toBe('agency_restricted');
    const stub = await subject.http.get(`/api/v1/concerns/${health.body.id}`, { token: coordinatorEast.token });
    expect(stub.status).toBe(200);
    expect(Object.keys(stub.body).sort()).toEqual(
      [
        'id',
        'redacted',
        'pseudonym',
        'category',
        'riskLevel',
        'status',
        'stage',
        'owningAgency',
        'contact',
        'districtId',
        'createdAt',
        'triage',
      ].sort(),
    );
    expect(stub.body.redacted).toBe(true);
    expect(JSON.stringify(stub.body)).not.toContain('Ola Nordmann');
    expect(JSON.stringify(stub.body)).not.toContain('2011-03-14');
    expect(JSON.stringify(stub.body)).not.toContain(NARRATIVE);

    // The coordinator triages; the teacher sees the new status, not the note.
    const triaged = await subject.http.post(
      `/api/v1/concerns/${concernId}/triage`,
      { outcome: 'guidance_only', note: 'Talked to the school counsellor; guidance given.' },
      { token: coordinatorEast.token },
    );
    expect(triaged.status).toBe(200);
    expect(triaged.body.triage).toMatchObject({ outcome: 'guidance_only', note: expect.any(String) });
    const teacherView = await subject.http.get(`/api/v1/concerns/${concernId}`, { token: teacher.token });
    expect(teacherView.body.status).toBe('guidance_only');
    expect(teacherView.body).not.toHaveProperty('triage');
    expect(JSON.stringify(teacherView.body)).not.toContain('counsellor');

    // The auditor sees who accessed what, and no narrative or name; and may not read the concern.
    const events = await subject.dataSource.getRepository(AuditEvent).findBy({ resourceId: concernId });
    const actions = events.map((event) => `${event.action}:${event.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'concern.create:allowed',
        'concern.list:allowed',
        'concern.read:denied',
        'concern.triage:allowed',
      ]),
    );
    const deniedToPolice = events.find((event) => event.action === 'concern.read' && event.actorId === police.user.id);
    expect(deniedToPolice?.outcome).toBe('denied');
    expect(JSON.stringify(events)).not.toContain(NARRATIVE);
    expect(JSON.stringify(events)).not.toContain('Ola Nordmann');
    expect((await subject.http.get(`/api/v1/concerns/${concernId}`, { token: auditor.token })).status).toBe(403);
  });

  it('alerts the district police at once on immediate danger, and tells the reporter what to do', async () => {
    const north = await createDistrict(subject.dataSource);
    const police = await createAgency(subject.dataSource, { kind: 'police', districtId: north.id });
    const teacher = await person({ kind: 'school' }, ['reporter'], north);
    const created = await logConcern(teacher.token, {
      riskLevel: 'immediate_danger',
      subject: { fullName: 'Kari Danger', dateOfBirth: '2012-01-01', districtId: north.id },
    });
    expect(created.status).toBe(201);
    expect(created.body.emergency).toMatchObject({
      policeAlerted: true,
      policeAgency: { id: police.id },
      message: expect.stringMatching(/call 112 now/),
    });
    const alerts = await subject.dataSource.getRepository(Notification).findBy({ resourceId: created.body.id });
    expect(alerts).toEqual([
      expect.objectContaining({ recipientAgencyId: police.id, kind: 'concern.alert_police', urgent: true }),
    ]);
  });

  it('tells the reporter plainly when no police agency could be alerted', async () => {
    const nowhere = await createDistrict(subject.dataSource);
    const teacher = await person({ kind: 'school' }, ['reporter'], nowhere);
    const created = await logConcern(teacher.token, {
      riskLevel: 'immediate_danger',
      subject: { fullName: 'Per Danger', dateOfBirth: '2012-01-01', districtId: nowhere.id },
    });
    expect(created.status).toBe(201);
    // Every police agency of this file serves a district of its own; none serves this one or the whole city.
    expect(created.body.emergency).toEqual({
      policeAlerted: false,
      message: expect.stringMatching(/call 112 now.*nobody was alerted/s),
    });
  });

  it('updates with the version read, and answers 409 to a stale one', async () => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const created = await logConcern(teacher.token);
    const updated = await subject.http.patch(
      `/api/v1/concerns/${created.body.id}`,
      { riskLevel: 'high', version: created.body.version },
      { token: teacher.token },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ riskLevel: 'high', version: created.body.version + 1 });
    const stale = await subject.http.patch(
      `/api/v1/concerns/${created.body.id}`,
      { riskLevel: 'low', version: created.body.version },
      { token: teacher.token },
    );
    expect(stale.status).toBe(409);
    // It says who changed it last and when, as the reader's timeline shows it.
    expect(stale.body.lastChange).toMatchObject({
      kind: 'concern.update',
      redacted: false,
      bySystem: false,
      actor: { id: teacher.user.id, name: teacher.user.name },
    });
    const [row] = await subject.dataSource.query('SELECT risk_level FROM concerns WHERE id = $1', [created.body.id]);
    expect(row.risk_level).toBe('high');
  });

  it('takes a PATCH that changes nothing or sends nulls without harm, and still checks the version', async () => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const created = await logConcern(teacher.token);
    const url = `/api/v1/concerns/${created.body.id}`;
    const nothing = await subject.http.patch(url, { version: created.body.version }, { token: teacher.token });
    expect(nothing.status).toBe(200);
    const nulls = await subject.http.patch(
      url,
      { narrative: null, riskLevel: null, version: nothing.body.version },
      { token: teacher.token },
    );
    expect(nulls.status).toBe(200);
    expect(nulls.body.narrative).toBe(NARRATIVE);
    const changed = await subject.http.patch(
      url,
      { riskLevel: 'low', version: nulls.body.version },
      { token: teacher.token },
    );
    expect(changed.status).toBe(200);
    expect((await subject.http.patch(url, { version: created.body.version }, { token: teacher.token })).status).toBe(
      409,
    );
  });

  it.each([
    [
      'a cursor whose key is not a time',
      Buffer.from(JSON.stringify({ key: 'x', id: '00000000-0000-4000-8000-000000000000' })).toString('base64url'),
    ],
    ['a cursor that is not ours', 'garbage'],
  ])('answers %s with 400', async (_, cursor) => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const response = await subject.http.get(`/api/v1/concerns?cursor=${cursor}`, { token: teacher.token });
    expect(response.status).toBe(400);
  });

  it('answers a version beyond any stored one with 400', async () => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const created = await logConcern(teacher.token);
    const response = await subject.http.patch(
      `/api/v1/concerns/${created.body.id}`,
      { narrative: 'x', version: 9_999_999_999 },
      { token: teacher.token },
    );
    expect(response.status).toBe(400);
  });

  it('pages the list newest first, every concern once', async () => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    for (let i = 0; i < 5; i += 1) await logConcern(teacher.token);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await subject.http.get(`/api/v1/concerns?limit=2${query}`, { token: teacher.token });
      seen.push(...page.body.items.map((item: { createdAt: string }) => item.createdAt));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses a new concern about a subject the caller cannot identify, with 404, and logs it', async () => {
    const nurse = await person({ kind: 'health' }, ['reporter']);
    const theirs = await logConcern(nurse.token);
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const rest = { category: 'other', narrative: 'x', source: 'family', riskLevel: 'low' };
    const response = await subject.http.post(
      '/api/v1/concerns',
      { ...rest, subjectId: theirs.body.subject.id },
      { token: teacher.token },
    );
    expect(response.status).toBe(404);
    const [denial] = await subject.dataSource
      .getRepository(AuditEvent)
      .findBy({ actorId: teacher.user.id, action: 'concern.create' });
    expect(denial?.outcome).toBe('denied');
  });

  it('answers 409 to a second triage', async () => {
    const teacher = await person({ kind: 'school' }, ['reporter']);
    const coordinator = await person({ kind: 'other' }, ['coordinator']);
    const created = await logConcern(teacher.token);
    const triage = () =>
      subject.http.post(
        `/api/v1/concerns/${created.body.id}/triage`,
        { outcome: 'no_further_action', note: 'Nothing to act on.' },
        { token: coordinator.token },
      );
    expect((await triage()).status).toBe(200);
    expect((await triage()).status).toBe(409);
  });

  it('refuses police and health agencies opening a concern to coordination', async () => {
    const officer = await person({ kind: 'police' }, ['reporter']);
    const response = await logConcern(officer.token, { classification: 'coordination' });
    expect(response.status).toBe(422);
    const [{ count }] = await subject.dataSource.query(
      'SELECT count(*)::int AS count FROM concerns WHERE reporter_id = $1',
      [officer.user.id],
    );
    expect(count).toBe(0);
  });

  describe('input', () => {
    it('stores any Unicode and HTML byte-exact, up to 20,000 characters', async () => {
      const teacher = await person({ kind: 'school' }, ['reporter']);
      const text = `<script>alert("x")</script>\n\tÆØÅ æøå ÄÖ äö — محمد — Maxamed Cabdi — 👩🏽‍🏫🙂\n`.padEnd(20_000, 'ø');
      const created = await logConcern(teacher.token, { narrative: text });
      expect(created.status).toBe(201);
      const read = await subject.http.get(`/api/v1/concerns/${created.body.id}`, { token: teacher.token });
      expect(read.body.narrative).toBe(text);
      expect(Buffer.from(read.body.narrative).equals(Buffer.from(text))).toBe(true);
    });

    it.each([
      ['a narrative over 20,000 characters', { narrative: 'x'.repeat(20_001) }],
      ['a control character in the narrative', { narrative: 'bell \u0007 here' }],
      ['a NUL in the narrative', { narrative: 'nul \u0000 here' }],
      ['both subjectId and subject', { subjectId: '00000000-0000-4000-8000-000000000000' }],
      ['an unknown category', { category: 'witchcraft' }],
      [
        'a control character in the name',
        {
          subject: {
            fullName: 'Ola\u0001',
            dateOfBirth: '2011-03-14',
            districtId: '00000000-0000-4000-8000-000000000000',
          },
        },
      ],
      [
        'a malformed date of birth',
        { subject: { fullName: 'Ola', dateOfBirth: '14.03.2011', districtId: '00000000-0000-4000-8000-000000000000' } },
      ],
    ])('refuses %s with 400 and stores nothing', async (_, fields) => {
      const teacher = await person({ kind: 'school' }, ['reporter']);
      const response = await logConcern(teacher.token, fields);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const [{ count }] = await subject.dataSource.query(
        'SELECT count(*)::int AS count FROM concerns WHERE reporter_id = $1',
        [teacher.user.id],
      );
      expect(count).toBe(0);
      const [{ subjects }] = await subject.dataSource.query(
        'SELECT count(*)::int AS subjects FROM subjects WHERE created_by_id = $1',
        [teacher.user.id],
      );
      expect(subjects).toBe(0);
    });
  });

  describe('immediate danger opens the concern to the police the district names', () => {
    let north: { id: string };
    let named: Agency;
    let officer: Awaited<ReturnType<typeof signedIn>>;
    let otherOfficer: Awaited<ReturnType<typeof signedIn>>;
    let teacher: Awaited<ReturnType<typeof signedIn>>;

    beforeAll(async () => {
      north = await createDistrict(subject.dataSource);
      // Two police agencies serve the district; the admin names the one that is not first by name.
      const first = await createAgency(subject.dataSource, {
        kind: 'police',
        districtId: north.id,
        name: `A ${north.id}`,
      });
      named = await createAgency(subject.dataSource, { kind: 'police', districtId: north.id, name: `Z ${north.id}` });
      const admin = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
      const naming = await subject.http.patch(
        `/api/v1/districts/${north.id}`,
        { emergencyPoliceAgencyId: named.id },
        { token: admin.token },
      );
      expect(naming.status).toBe(200);
      const officerOf = (agency: Agency) =>
        signedIn(subject.http, subject.dataSource, {
          roles: ['reporter', 'case_worker'],
          agency,
          districts: [north as never],
        });
      officer = await officerOf(named);
      otherOfficer = await officerOf(first);
      teacher = await person({ kind: 'school' }, ['reporter'], north);
    });

    const logIn = (riskLevel: string, fullName: string) =>
      logConcern(teacher.token, {
        riskLevel,
        subject: { fullName, dateOfBirth: '2012-02-02', districtId: north.id },
      });
    const eventsOf = (concernId: string) =>
      subject.dataSource
        .getRepository(AuditEvent)
        .find({ where: { resourceId: concernId }, order: { occurredAt: 'ASC' } });
    const readsBy = async (concernId: string, actorId: string, action = 'concern.read') =>
      (await eventsOf(concernId)).filter((event) => event.action === action && event.actorId === actorId);
    const queued = (notificationId: string) =>
      subject.app.get<Queue>(getQueueToken(QUEUES.notifications)).getJob(deliverJobId({ notificationId }));

    it('on creation: alerts the named agency alone, whose officer then reads it in full on vital interest', async () => {
      const created = await logIn('immediate_danger', 'Vera Vital');
      expect(created.status).toBe(201);
      expect(created.body.emergency).toMatchObject({ policeAlerted: true, policeAgency: { id: named.id } });
      const alerts = await subject.dataSource.getRepository(Notification).findBy({ resourceId: created.body.id });
      expect(alerts.map((alert) => alert.recipientAgencyId)).toEqual([named.id]);
      expect(await queued(alerts[0].id)).toBeTruthy();

      const read = await subject.http.get(`/api/v1/concerns/${created.body.id}`, { token: officer.token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        redacted: false,
        narrative: NARRATIVE,
        subject: { fullName: 'Vera Vital', dateOfBirth: '2012-02-02' },
      });
      const listed = await subject.http.get(`/api/v1/concerns?subjectId=${created.body.subject.id}`, {
        token: officer.token,
      });
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
      const other = await subject.http.get(`/api/v1/concerns/${created.body.id}`, { token: otherOfficer.token });
      expect(other.status).toBe(404);

      // Recorded, audited and in the access log as vital interest.
      const [share] = await subject.dataSource.query(
        'SELECT agency_id, legal_basis, raised_by_id FROM emergency_shares WHERE concern_id = $1',
        [created.body.id],
      );
      expect(share).toEqual({ agency_id: named.id, legal_basis: 'vital_interest', raised_by_id: teacher.user.id });
      const opened = (await eventsOf(created.body.id)).filter((event) => event.action === 'concern.open_to_police');
      expect(opened).toEqual([
        expect.objectContaining({
          actorId: teacher.user.id,
          purpose: 'vital_interest',
          severity: 'high',
          details: expect.objectContaining({ agencyId: named.id }),
        }),
      ]);
      expect((await readsBy(created.body.id, officer.user.id)).map((event) => [event.outcome, event.purpose])).toEqual([
        ['allowed', 'vital_interest'],
      ]);
      expect((await readsBy(created.body.id, officer.user.id, 'concern.list')).map((event) => event.purpose)).toEqual([
        'vital_interest',
      ]);
      expect((await readsBy(created.body.id, otherOfficer.user.id)).map((event) => event.outcome)).toEqual(['denied']);
    });

    it('on a later change: the same, dispatched at once; lowering the risk closes it again', async () => {
      const created = await logIn('moderate', 'Leo Later');
      const url = `/api/v1/concerns/${created.body.id}`;
      expect((await subject.http.get(url, { token: officer.token })).status).toBe(404);

      const raised = await subject.http.patch(
        url,
        { riskLevel: 'immediate_danger', version: created.body.version },
        { token: teacher.token },
      );
      expect(raised.status).toBe(200);
      expect(raised.body.emergency).toMatchObject({
        policeAlerted: true,
        policeAgency: { id: named.id },
        message: expect.stringMatching(/call 112 now/),
      });
      // Queued for delivery by the time the answer came, not at the next reconcile.
      const [alert] = await subject.dataSource.getRepository(Notification).findBy({ resourceId: created.body.id });
      expect(alert).toMatchObject({ recipientAgencyId: named.id, urgent: true });
      expect(await queued(alert.id)).toBeTruthy();
      const updated = (await eventsOf(created.body.id)).find((event) => event.action === 'concern.update');
      expect(updated?.severity).toBe('high');

      const read = await subject.http.get(url, { token: officer.token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ redacted: false, narrative: NARRATIVE });
      expect((await subject.http.get(url, { token: otherOfficer.token })).status).toBe(404);
      expect((await readsBy(created.body.id, officer.user.id)).map((event) => event.purpose)).toEqual([
        null, // the refusal before the danger
        'vital_interest',
      ]);

      // The basis holds while the danger does.
      const lowered = await subject.http.patch(
        url,
        { riskLevel: 'high', version: raised.body.version },
        { token: teacher.token },
      );
      expect(lowered.status).toBe(200);
      expect(lowered.body).not.toHaveProperty('emergency');
      expect((await subject.http.get(url, { token: officer.token })).status).toBe(404);
      const again = await subject.http.patch(
        url,
        { riskLevel: 'immediate_danger', version: lowered.body.version },
        { token: teacher.token },
      );
      expect(again.body.emergency.policeAgency.id).toBe(named.id);
      expect((await subject.http.get(url, { token: officer.token })).status).toBe(200);
    });

    it('does not share a concern of the named police agency with itself, and still alerts it', async () => {
      const created = await logConcern(officer.token, {
        riskLevel: 'immediate_danger',
        subject: { fullName: 'Olav Own', dateOfBirth: '2012-02-02', districtId: north.id },
      });
      expect(created.status).toBe(201);
      expect(created.body.emergency.policeAgency.id).toBe(named.id);
      const [{ count }] = await subject.dataSource.query(
        'SELECT count(*)::int AS count FROM emergency_shares WHERE concern_id = $1',
        [created.body.id],
      );
      expect(count).toBe(0);
      expect(
        (await subject.http.get(`/api/v1/concerns/${created.body.id}`, { token: otherOfficer.token })).status,
      ).toBe(404);
    });

    it('where the district names no police agency, alerts one serving it as before, which cannot open the concern', async () => {
      const south = await createDistrict(subject.dataSource);
      const police = await subject.dataSource
        .getRepository(Agency)
        .save({ name: `Police ${south.id}`, kind: 'police', districtId: south.id });
      const southOfficer = await signedIn(subject.http, subject.dataSource, { roles: ['case_worker'], agency: police });
      const southTeacher = await person({ kind: 'school' }, ['reporter'], south);
      const created = await logConcern(southTeacher.token, {
        riskLevel: 'immediate_danger',
        subject: { fullName: 'Siv South', dateOfBirth: '2012-02-02', districtId: south.id },
      });
      expect(created.status).toBe(201);
      expect(created.body.emergency).toMatchObject({ policeAlerted: true, policeAgency: { id: police.id } });
      expect(
        (await subject.http.get(`/api/v1/concerns/${created.body.id}`, { token: southOfficer.token })).status,
      ).toBe(404);
    });
  });

  describe('a read through a share records its legal basis', () => {
    it('consent:<id>, statutory_duty or vital_interest where a share shows it; nothing for the own agency', async () => {
      const coordinator = await person({ kind: 'other' }, ['coordinator']);
      const teacher = await person({ kind: 'school' }, ['reporter']);
      const mentor = await person({ kind: 'ngo' }, ['case_worker']);
      const social = await person({ kind: 'social_services' }, ['case_worker']);

      const concern = (await logConcern(teacher.token)).body;
      const consent = await createConsentRecord(subject.dataSource, {
        subjectId: concern.subject.id,
        agencyIds: [mentor.user.agencyId],
        recordedBy: coordinator.user,
      });
      const refer = (toAgencyId: string, consentId?: string) =>
        createReferralRecord(subject.dataSource, {
          concernId: concern.id,
          toAgencyId,
          consentId,
          createdBy: coordinator.user,
        });
      await refer(mentor.user.agencyId, consent.id);
      await refer(social.user.agencyId);

      for (const who of [mentor, social, teacher, coordinator]) {
        expect((await subject.http.get(`/api/v1/concerns/${concern.id}`, { token: who.token })).status).toBe(200);
        await subject.http.get(`/api/v1/concerns?subjectId=${concern.subject.id}`, { token: who.token });
      }
      const events = await subject.dataSource.getRepository(AuditEvent).findBy({ resourceId: concern.id });
      const purposeOf = (who: { user: { id: string } }, action: string) =>
        events.filter((event) => event.actorId === who.user.id && event.action === action).map((e) => e.purpose);
      for (const action of ['concern.read', 'concern.list']) {
        expect(purposeOf(mentor, action)).toEqual([`consent:${consent.id}`]);
        expect(purposeOf(social, action)).toEqual(['statutory_duty']);
        expect(purposeOf(teacher, action)).toEqual([null]);
        expect(purposeOf(coordinator, action)).toEqual([null]);
      }
    });

    it('records vital_interest where a vital-interest referral opens a police concern to the coordinator', async () => {
      const coordinator = await person({ kind: 'other' }, ['coordinator']);
      const officer = await person({ kind: 'police' }, ['reporter']);
      const prevention = await person({ kind: 'police' }, ['case_worker']);
      const concern = (await logConcern(officer.token)).body;
      const url = `/api/v1/concerns/${concern.id}`;
      expect((await subject.http.get(url, { token: coordinator.token })).body.redacted).toBe(true);
      await subject.http.post(`${url}/triage`, { outcome: 'refer', note: 'Refer' }, { token: coordinator.token });
      await createReferral(subject.http, coordinator, {
        concernId: concern.id,
        toAgencyId: prevention.user.agencyId,
        legalBasis: 'vital_interest',
      });
      expect((await subject.http.get(url, { token: coordinator.token })).body.redacted).toBe(false);
      const reads = await subject.dataSource.getRepository(AuditEvent).find({
        where: { resourceId: concern.id, actorId: coordinator.user.id, action: 'concern.read' },
        order: { occurredAt: 'ASC' },
      });
      expect(reads.map((event) => event.purpose)).toEqual([null, 'vital_interest']);
    });
  });
});
