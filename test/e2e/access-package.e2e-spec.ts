/**
 * The right of access (Article 15): a coordinator of the subject's district compiles everything
 * Samvirke holds about one person, across agencies, and who has seen it. Police- and health-held
 * records are listed with the agency to ask, never disclosed; no other person's records appear;
 * compiling is audited once, with its purpose, and nothing is stored.
 */
import { Agency } from '../../src/agencies/agency.entity';
import { Concern } from '../../src/concerns/concern.entity';
import { District } from '../../src/districts/district.entity';
import { arrangeMeeting, createReferral, recordConsent } from '../support/case-flows';
import { createAgency, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
// pdf-parse's index runs a self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse: (data: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
/**
 * The text of a PDF. pdf-parse's pdf.js reads a Buffer's whole underlying memory, so a small Buffer
 * cut from Node's shared pool (as Buffer.concat makes) reads as a broken file ("bad XRef entry"):
 * it is given bytes of their own.
 */
const pdfParse = (data: Buffer) => parse(new Uint8Array(data));

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const DAY = 24 * 3_600_000;

const A = {
  name: 'Astrid Aksesstad',
  school: 'A-school: saw Astrid hand out leaflets at the gate',
  police: 'A-police: intelligence on Astrid from the prevention unit',
  health: 'A-health: the clinic’s assessment of Astrid',
  healthNote: 'A-health-note: session notes from the youth clinic',
  healthDecline: 'A-health-decline: not for the clinic under its own regime',
  socialNote: 'A-social-note: met Astrid and her mother',
  decision: 'A-decision: offer Astrid a mentor',
  action: 'A-action: call the mentor programme',
  danger: 'A-danger: Astrid spoke of an attack at the school',
};
const B = {
  name: 'Bjørn Bystander',
  school: 'B-school: Bjørn was seen with the same group',
  decision: 'B-decision: talk to Bjørn’s school',
  linkNote: 'B-link-note: the same boy under another spelling',
};

describe('the access package (Article 15)', () => {
  let app: TestApp;
  let east: District;
  let agencies: Record<'school' | 'social' | 'police' | 'health', Agency>;
  const people = {} as Record<
    | 'coordinator'
    | 'westCoordinator'
    | 'schoolReporter'
    | 'policeOfficer'
    | 'nurse'
    | 'socialWorker'
    | 'member'
    | 'auditor',
    SignedIn
  >;
  const ids = {} as Record<
    | 'subjectA'
    | 'subjectB'
    | 'concernA'
    | 'concernB'
    | 'policeConcernA'
    | 'healthConcernA'
    | 'socialReferralA'
    | 'healthReferralA'
    | 'itemA'
    | 'itemB'
    | 'dangerConcernA',
    string
  >;
  let pseudonymB: string;

  const compile = (who: SignedIn, subjectId: string, body: Record<string, unknown>) =>
    app.http.post(`/api/v1/subjects/${subjectId}/access-package`, body, { token: who.token });
  const compilePdf = async (who: SignedIn, subjectId: string, body: Record<string, unknown>) => {
    const response = await fetch(`${app.http.baseUrl}/api/v1/subjects/${subjectId}/access-package`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, format: 'pdf' }),
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  /** A concern logged straight in the database by an agency that cannot see the subject through the API. */
  const concernAbout = async (subjectId: string, reporter: SignedIn, narrative: string) =>
    (
      await app.dataSource.getRepository(Concern).save({
        subjectId,
        category: 'violent_extremism',
        narrative,
        source: 'professional',
        riskLevel: 'high',
        classification: 'agency_restricted',
        owningAgencyId: reporter.user.agencyId,
        reporterId: reporter.user.id,
        districtId: east.id,
        status: 'new',
        triageOutcome: null,
        triageNote: null,
        triagedById: null,
        triagedAt: null,
      })
    ).id;
  /** Rows in every table but the audit trail's (its months are partitions of their own). */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const tables: { name: string }[] = await app.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'audit\\_%'
        ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      counts[name] = Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n);
    }
    return counts;
  };
  const eventsOf = (subjectId: string): Promise<{ action: string; occurred_at: Date; outcome: string }[]> =>
    app.dataSource.query(
      'SELECT action, occurred_at, outcome FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, id',
      [subjectId],
    );

  beforeAll(async () => {
    app = await startTestApp();
    east = await createDistrict(app.dataSource);
    const west = await createDistrict(app.dataSource);
    agencies = {
      school: await createAgency(app.dataSource, {
        kind: 'school',
        districtId: east.id,
        name: `Eastside School ${east.id.slice(0, 6)}`,
      }),
      social: await createAgency(app.dataSource, { kind: 'social_services', districtId: east.id }),
      police: await createAgency(app.dataSource, {
        kind: 'police',
        districtId: east.id,
        name: `East Police ${east.id.slice(0, 6)}`,
      }),
      health: await createAgency(app.dataSource, {
        kind: 'health',
        districtId: east.id,
        name: `Youth Clinic ${east.id.slice(0, 6)}`,
      }),
    };
    const person = (fields: Parameters<typeof signedIn>[2]) => signedIn(app.http, app.dataSource, fields);
    people.coordinator = await person({ roles: ['coordinator'], districts: [east], name: 'Cora Coordinator' });
    people.westCoordinator = await person({ roles: ['coordinator'], districts: [west] });
    people.schoolReporter = await person({ roles: ['reporter'], agency: agencies.school, districts: [east] });
    people.policeOfficer = await person({
      roles: ['reporter', 'case_worker'],
      agency: agencies.police,
      districts: [east],
    });
    people.nurse = await person({ roles: ['reporter', 'case_worker'], agency: agencies.health, districts: [east] });
    people.socialWorker = await person({ roles: ['case_worker'], agency: agencies.social, districts: [east] });
    people.member = await person({ roles: ['forum_member'], agency: agencies.social, districts: [east] });
    people.auditor = await person({ roles: ['auditor'] });
    const { coordinator, schoolReporter, socialWorker, nurse } = people;
    const post = async (path: string, body: unknown, who: SignedIn, expected = 201) => {
      const response = await app.http.post(path, body, { token: who.token });
      if (response.status !== expected) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };

    // Two subjects of the east district, each with a school concern triaged for referral.
    for (const [key, who] of [
      ['A', A],
      ['B', B],
    ] as const) {
      const created = await post(
        '/api/v1/concerns',
        {
          subject: { fullName: who.name, dateOfBirth: '2010-05-06', districtId: east.id },
          category: 'hate_crime',
          narrative: who.school,
          source: 'professional',
          riskLevel: 'moderate',
        },
        schoolReporter,
      );
      ids[`concern${key}`] = created.id;
      ids[`subject${key}`] = created.subject.id;
      await post(`/api/v1/concerns/${created.id}/triage`, { outcome: 'refer', note: `Refer ${key}` }, coordinator, 200);
    }
    pseudonymB = (await app.dataSource.query('SELECT pseudonym FROM subjects WHERE id = $1', [ids.subjectB]))[0]
      .pseudonym;

    // What the police and a health service logged about A, under their own regimes.
    ids.policeConcernA = await concernAbout(ids.subjectA, people.policeOfficer, A.police);
    ids.healthConcernA = await concernAbout(ids.subjectA, nurse, A.health);

    // A referral to social services (statutory duty) and one to health on the guardian's consent.
    const consent = await recordConsent(app.http, coordinator, {
      subjectId: ids.subjectA,
      guardianName: 'Gudrun Guardian',
      agencyIds: [agencies.health.id],
      purpose: 'Clinic assessment',
    });
    ids.socialReferralA = (
      await createReferral(app.http, coordinator, { concernId: ids.concernA, toAgencyId: agencies.social.id })
    ).id;
    ids.healthReferralA = (
      await createReferral(app.http, coordinator, {
        concernId: ids.concernA,
        toAgencyId: agencies.health.id,
        consentId: consent.id,
      })
    ).id;
    await createReferral(app.http, coordinator, { concernId: ids.concernB, toAgencyId: agencies.social.id });
    await post(`/api/v1/referrals/${ids.socialReferralA}/notes`, { text: A.socialNote }, socialWorker);
    await post(`/api/v1/referrals/${ids.healthReferralA}/notes`, { text: A.healthNote }, nurse);
    const healthReferral = await app.http.get(`/api/v1/referrals/${ids.healthReferralA}`, { token: nurse.token });
    await post(
      `/api/v1/referrals/${ids.healthReferralA}/decline`,
      { reason: A.healthDecline, version: healthReferral.body.version },
      nurse,
      200,
    );

    // A forum with an item about each subject, and a decision on each.
    const meeting = await arrangeMeeting(app.http, coordinator, {
      districtId: east.id,
      participantIds: [people.member.user.id],
    });
    for (const key of ['A', 'B'] as const) {
      const agenda = await post(
        `/api/v1/meetings/${meeting.id}/agenda/items`,
        { title: `Item about ${key}`, concernId: ids[`concern${key}`] },
        coordinator,
      );
      const items = (agenda.sections as { items: { id: string; title: string | null }[] }[]).flatMap(
        (section) => section.items,
      );
      ids[`item${key}`] = items.find((item) => item.title === `Item about ${key}`)!.id;
    }
    await app.dataSource.query("UPDATE meetings SET starts_at = now() - interval '1 minute' WHERE id = $1", [
      meeting.id,
    ]);
    await post(
      `/api/v1/meetings/${meeting.id}/minutes`,
      {
        items: [
          {
            agendaItemId: ids.itemA,
            decision: A.decision,
            actions: [
              { ownerId: people.member.user.id, text: A.action, dueAt: new Date(Date.now() + 7 * DAY).toISOString() },
            ],
          },
          { agendaItemId: ids.itemB, decision: B.decision, actions: [] },
        ],
      },
      coordinator,
    );

    // A link between the two (the coordinator's judgement), and a legal hold on A.
    await post(
      `/api/v1/subjects/${ids.subjectA}/links`,
      { otherSubjectId: ids.subjectB, note: B.linkNote },
      coordinator,
    );
    await post(
      `/api/v1/subjects/${ids.subjectA}/legal-holds`,
      { reason: 'Complaint to the ombud pending', until: new Date(Date.now() + 30 * DAY).toISOString() },
      coordinator,
    );

    // A school concern at immediate danger, opened at once to the district's emergency police agency.
    ids.dangerConcernA = (
      await post(
        '/api/v1/concerns',
        {
          subjectId: ids.subjectA,
          category: 'violent_extremism',
          narrative: A.danger,
          source: 'professional',
          riskLevel: 'immediate_danger',
        },
        schoolReporter,
      )
    ).id;

    // Reads by several people of several agencies.
    for (const [who, path] of [
      [schoolReporter, `/api/v1/concerns/${ids.concernA}`],
      [socialWorker, `/api/v1/referrals/${ids.socialReferralA}`],
      [nurse, `/api/v1/concerns/${ids.healthConcernA}`],
      [people.policeOfficer, `/api/v1/concerns/${ids.policeConcernA}`],
      [coordinator, `/api/v1/subjects/${ids.subjectA}`],
      [people.westCoordinator, `/api/v1/subjects/${ids.subjectA}`],
      [schoolReporter, `/api/v1/concerns/${ids.concernB}`],
    ] as const) {
      await app.http.get(path, { token: who.token });
    }
  });
  afterAll(() => app.close());

  it('holds every record of the subject and every access to them, and stores nothing', async () => {
    const before = await rowCounts();
    const events = await eventsOf(ids.subjectA);
    const response = await compile(people.coordinator, ids.subjectA, {
      purpose: 'Access request 2027-014',
      language: 'en',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const pkg = response.body;
    expect(await rowCounts()).toEqual(before);

    expect(pkg.subject).toMatchObject({
      id: ids.subjectA,
      fullName: A.name,
      dateOfBirth: '2010-05-06',
      anonymised: false,
      district: { id: east.id, name: east.name },
    });
    expect(pkg.compiledBy.name).toBe('Cora Coordinator');
    expect(pkg.concerns.map((concern: { id: string }) => concern.id)).toEqual([ids.concernA, ids.dangerConcernA]);
    expect(pkg.concerns[0]).toMatchObject({
      narrative: A.school,
      triage: { outcome: 'refer', note: 'Refer A' },
      owningAgency: { id: agencies.school.id, kind: 'school' },
    });
    const referrals = new Map(pkg.referrals.map((referral: { id: string }) => [referral.id, referral]));
    expect([...referrals.keys()].sort()).toEqual([ids.socialReferralA, ids.healthReferralA].sort());
    expect(referrals.get(ids.socialReferralA)).toMatchObject({
      legalBasis: 'statutory_duty',
      heldByRecipient: false,
      notes: [expect.objectContaining({ text: A.socialNote })],
    });
    // That A was referred to health, when and on which basis, is disclosed; what the clinic made of it is not.
    expect(referrals.get(ids.healthReferralA)).toMatchObject({
      toAgency: { id: agencies.health.id, kind: 'health' },
      legalBasis: 'consent',
      status: 'declined',
      heldByRecipient: true,
      declineReason: null,
      notes: [],
    });
    expect(pkg.consents).toEqual([
      expect.objectContaining({
        guardianName: 'Gudrun Guardian',
        purpose: 'Clinic assessment',
        agencies: [expect.objectContaining({ id: agencies.health.id })],
      }),
    ]);
    // The hand-added item with its decision, and the items the agenda generated about A's cases; never B's.
    expect(pkg.agendaItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: ids.itemA,
          title: 'Item about A',
          decisions: [expect.objectContaining({ decision: A.decision })],
        }),
      ]),
    );
    const aboutA = [ids.concernA, ids.policeConcernA, ids.healthConcernA, ids.socialReferralA, ids.healthReferralA];
    for (const item of pkg.agendaItems as { concernId: string | null; referralId: string | null }[]) {
      expect(aboutA).toContain(item.concernId ?? item.referralId);
    }
    expect(pkg.followUps.map((followUp: { text: string }) => followUp.text)).toContain(A.action);
    expect(
      pkg.followUps.every((followUp: { referralId: string | null }) => followUp.referralId !== ids.healthReferralA),
    ).toBe(true);
    // Opened to the police at immediate danger: a recipient, on vital interest.
    expect(pkg.emergencyShares).toEqual([
      {
        concernId: ids.dangerConcernA,
        agency: { id: agencies.police.id, name: agencies.police.name, kind: 'police' },
        legalBasis: 'vital_interest',
        sharedAt: expect.any(String),
      },
    ]);
    expect(pkg.legalHolds).toEqual([
      expect.objectContaining({ reason: 'Complaint to the ombud pending', active: true }),
    ]);
    expect(pkg.links).toEqual([
      {
        description: 'linked_to_another_record',
        createdMonth: expect.stringMatching(/^\d{4}-\d{2}$/),
        removedMonth: null,
      },
    ]);

    // Every access, as the trail has it, with who and for which agency: the recipients.
    expect(pkg.accessLog).toHaveLength(events.length);
    expect(pkg.accessLog.map((access: { action: string }) => access.action)).toEqual(
      events.map((event) => event.action),
    );
    expect(pkg.accessLog.map((access: { occurredAt: string }) => access.occurredAt)).toEqual(
      events.map((event) => event.occurred_at.toISOString()),
    );
    const policeRead = pkg.accessLog.find(
      (access: { action: string; actor: { agency: { id: string } | null } }) =>
        access.action === 'concern.read' && access.actor.agency?.id === agencies.police.id,
    );
    expect(policeRead).toMatchObject({
      actor: { name: people.policeOfficer.user.name, roles: ['reporter', 'case_worker'] },
    });
    // A refusal that does not name the subject (another district's coordinator) gave them nothing, and is not listed.
    expect(JSON.stringify(pkg.accessLog)).not.toContain(people.westCoordinator.user.name);
    const recipients = pkg.recipients.map((recipient: { agency: { id: string } | null }) => recipient.agency?.id);
    expect(recipients).toEqual(
      expect.arrayContaining([agencies.school.id, agencies.social.id, agencies.police.id, agencies.health.id]),
    );
    expect(pkg.accessLog.map((access: { outcome: string }) => access.outcome)).toEqual(
      events.map((event) => event.outcome),
    );
    expect(pkg.recipients.reduce((sum: number, recipient: { accesses: number }) => sum + recipient.accesses, 0)).toBe(
      events.filter((event) => event.outcome === 'allowed').length,
    );
  });

  it('withholds police- and health-held content, listing it with the agency to ask', async () => {
    const response = await compile(people.coordinator, ids.subjectA, {
      purpose: 'Access request 2027-015',
      language: 'en',
    });
    const text = JSON.stringify(response.body);
    for (const secret of [A.police, A.health, A.healthNote, A.healthDecline]) expect(text).not.toContain(secret);
    expect(response.body.withheld).toEqual(
      expect.arrayContaining([
        {
          type: 'concern',
          id: ids.policeConcernA,
          heldBy: { id: agencies.police.id, name: agencies.police.name, kind: 'police' },
          since: expect.stringMatching(/^\d{4}-\d{2}$/),
          ask: agencies.police.name,
        },
        expect.objectContaining({ type: 'concern', id: ids.healthConcernA, ask: agencies.health.name }),
        expect.objectContaining({ type: 'referral', id: ids.healthReferralA, ask: agencies.health.name }),
      ]),
    );
    expect(response.body.withheld.every((held: Record<string, unknown>) => Object.keys(held).length === 5)).toBe(true);
  });

  it('leaks nothing of another subject, in JSON or in the PDF', async () => {
    const json = JSON.stringify(
      (await compile(people.coordinator, ids.subjectA, { purpose: 'Access request 2027-016', language: 'en' })).body,
    );
    const pdf = await compilePdf(people.coordinator, ids.subjectA, {
      purpose: 'Access request 2027-016',
      language: 'en',
    });
    expect(pdf.status).toBe(200);
    const printed = (await pdfParse(pdf.body)).text;
    expect(printed).toContain(A.school);
    for (const text of [json, printed]) {
      for (const other of [
        B.name,
        pseudonymB,
        B.school,
        B.decision,
        B.linkNote,
        ids.subjectB,
        ids.concernB,
        ids.itemB,
      ]) {
        expect(text).not.toContain(other);
      }
    }
  });

  it('prints the PDF in the subject’s language, and withholds there too', async () => {
    const pdf = await compilePdf(people.coordinator, ids.subjectA, {
      purpose: 'Innsynsbegjæring 2027-017',
      language: 'nb',
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = (await pdfParse(pdf.body)).text;
    expect(printed).toContain('Innsyn i personopplysninger');
    expect(printed).toContain('Opplysninger hos andre etater');
    expect(printed).toContain(agencies.police.name);
    expect(printed).not.toContain('Access to your personal data');
    for (const secret of [A.police, A.health, A.healthNote, A.healthDecline]) expect(printed).not.toContain(secret);
    const sv = (
      await pdfParse((await compilePdf(people.coordinator, ids.subjectA, { purpose: 'Begäran', language: 'sv' })).body)
    ).text;
    expect(sv).toContain('Registerutdrag');
  });

  it('is audited once, with its purpose and counts, and writes no read per record', async () => {
    const [{ since }] = await app.dataSource.query('SELECT clock_timestamp() AS since');
    const response = await compile(people.coordinator, ids.subjectA, {
      purpose: 'Access request 2027-018',
      language: 'da',
    });
    expect(response.status).toBe(200);
    const mine = await app.dataSource.query(
      'SELECT action, subject_id, resource_type, purpose, details, outcome FROM audit_events WHERE actor_id = $1 AND occurred_at >= $2',
      [people.coordinator.user.id, since],
    );
    expect(mine).toEqual([
      {
        action: 'subject.compile_access_package',
        subject_id: ids.subjectA,
        resource_type: 'subject',
        purpose: 'Access request 2027-018',
        outcome: 'allowed',
        details: {
          format: 'json',
          language: 'da',
          counts: response.body.counts,
          records: Object.values(response.body.counts as Record<string, number>).reduce((a, b) => a + b, 0),
        },
      },
    ]);
    expect(response.body.counts).toMatchObject({
      concerns: 2,
      emergencyShares: 1,
      referrals: 2,
      consents: 1,
      agendaItems: response.body.agendaItems.length,
      decisions: 1,
    });
    // The next package lists the compilation itself among the accesses.
    const next = await compile(people.coordinator, ids.subjectA, {
      purpose: 'Access request 2027-019',
      language: 'en',
    });
    expect(next.body.accessLog.at(-1)).toMatchObject({
      action: 'subject.compile_access_package',
      purpose: 'Access request 2027-018',
      actor: { name: 'Cora Coordinator' },
    });
  });

  it('refuses a coordinator of another district (404), a school user and an auditor (403), each recorded', async () => {
    const body = { purpose: 'Not mine to answer', language: 'en' };
    const before = await app.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'subject.compile_access_package' AND outcome = 'denied'",
    );
    expect((await compile(people.westCoordinator, ids.subjectA, body)).status).toBe(404);
    expect((await compile(people.schoolReporter, ids.subjectA, body)).status).toBe(403);
    expect((await compile(people.auditor, ids.subjectA, body)).status).toBe(403);
    expect((await compile(people.socialWorker, ids.subjectA, { ...body, format: 'pdf' })).status).toBe(403);
    const after = await app.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'subject.compile_access_package' AND outcome = 'denied'",
    );
    expect(after[0].n - before[0].n).toBe(4);
  });

  it('still answers for an anonymised subject: by pseudonym, the name and date of birth gone', async () => {
    const created = await app.http.post(
      '/api/v1/concerns',
      {
        subject: { fullName: 'Cecilie Closedcase', dateOfBirth: '2009-09-09', districtId: east.id },
        category: 'other',
        narrative: 'C-school: an old worry, long closed',
        source: 'professional',
        riskLevel: 'low',
      },
      { token: people.schoolReporter.token },
    );
    expect(created.status).toBe(201);
    const subjectC = created.body.subject.id as string;
    // As retention or an erasure request leaves a subject (the retention tests cover how it gets there).
    await app.dataSource.query(
      `UPDATE subjects SET full_name = NULL, name_key = NULL, birth_year = 2009, date_of_birth = NULL,
              anonymised_at = now() WHERE id = $1`,
      [subjectC],
    );
    const [{ pseudonym }] = await app.dataSource.query('SELECT pseudonym FROM subjects WHERE id = $1', [subjectC]);
    const json = await compile(people.coordinator, subjectC, { purpose: 'Access request 2027-020', language: 'nb' });
    expect(json.status).toBe(200);
    expect(json.body.subject).toMatchObject({
      pseudonym,
      fullName: null,
      dateOfBirth: null,
      birthYear: 2009,
      anonymised: true,
      anonymisedAt: expect.any(String),
    });
    expect(JSON.stringify(json.body)).not.toContain('Cecilie');
    const pdf = await compilePdf(people.coordinator, subjectC, { purpose: 'Access request 2027-020', language: 'nb' });
    expect(pdf.status).toBe(200);
    const printed = (await pdfParse(pdf.body)).text;
    expect(printed).toContain(pseudonym);
    expect(printed).toContain('anonymisert');
    expect(printed).not.toContain('Cecilie');
  });

  it('answers 400 to a missing purpose or an unknown language, compiling nothing', async () => {
    const count = async () =>
      (
        await app.dataSource.query(
          "SELECT count(*)::int AS n FROM audit_events WHERE action = 'subject.compile_access_package'",
        )
      )[0].n;
    const before = await count();
    for (const body of [
      { language: 'en' },
      { purpose: 'x', language: 'de' },
      { purpose: 'x', language: 'en', format: 'docx' },
      { purpose: '', language: 'en' },
    ]) {
      const response = await compile(people.coordinator, ids.subjectA, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(await count()).toBe(before);
  });
});
