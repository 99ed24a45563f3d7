import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { createAgency, createDistrict, signedIn } from '../support/factories';
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
        'concern.created:allowed',
        'concern.listed:allowed',
        'concern.read:denied',
        'concern.triaged:allowed',
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
      expect.objectContaining({ recipientAgencyId: police.id, kind: 'concern.immediate_danger', urgent: true }),
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
});
