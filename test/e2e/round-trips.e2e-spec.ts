import { Client } from 'pg';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { createAgency, createConcernRecord, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The hot paths' round trips to PostgreSQL, counted: each statement the API sends waits for its answer, so on a
 * busy server every extra one costs CPU and time (README, "Reads at scale"). A detail read is signed in (one query),
 * read and audited in one transaction; a concern about a new subject is written in five statements between BEGIN
 * and COMMIT. This fails when a change adds one back.
 */
describe('round trips of the hot paths', () => {
  let app: TestApp;
  let district: { id: string };
  let sent: string[] = [];
  let counting = false;
  // The method as it is, before it is counted (a descriptor's value, so it is called with the client it belongs to).
  const query = Object.getOwnPropertyDescriptor(Client.prototype, 'query')!.value as (
    this: Client,
    ...args: unknown[]
  ) => unknown;

  beforeAll(async () => {
    app = await startTestApp();
    district = await createDistrict(app.dataSource);
    // Every statement any pool client sends while a request is counted.
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      if (counting) sent.push(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text);
      return query.apply(this, args);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  async function counted<T>(request: () => Promise<T>): Promise<{ answer: T; statements: string[] }> {
    sent = [];
    counting = true;
    try {
      return { answer: await request(), statements: sent };
    } finally {
      counting = false;
    }
  }

  const person = async (kind: 'school' | 'other', roles: ('reporter' | 'coordinator')[]) =>
    signedIn(app.http, app.dataSource, {
      roles,
      districts: [district as never],
      agency: await createAgency(app.dataSource, { kind, districtId: district.id }),
    });

  it('reads a concern in five: sign-in, BEGIN, the concern, its audit event, COMMIT', async () => {
    const coordinator = await person('other', ['coordinator']);
    const teacher = await person('school', ['reporter']);
    const concern = await createConcernRecord(app.dataSource, {
      reporter: teacher.user,
      districtId: district.id,
      classification: 'coordination',
    });
    const { answer, statements } = await counted(() =>
      app.http.get(`/api/v1/concerns/${concern.id}`, { token: coordinator.token }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: concern.id, redacted: false });
    expect(statements).toHaveLength(5);
    expect(statements[1]).toMatch(/^START TRANSACTION|^BEGIN/);
    expect(statements[3]).toMatch(/INSERT INTO audit_events/);
    expect(statements[4]).toBe('COMMIT');
  });

  it('logs a concern about a new subject in seven, both audit events in one insert', async () => {
    const teacher = await person('school', ['reporter']);
    const { answer, statements } = await counted(() =>
      app.http.post(
        '/api/v1/concerns',
        {
          subject: { fullName: 'Kari Counted', dateOfBirth: '2011-03-14', districtId: district.id },
          category: 'violent_extremism',
          narrative: 'Pupil shared extremist videos in class.',
          source: 'professional',
          riskLevel: 'moderate',
        },
        { token: teacher.token },
      ),
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'new',
      owningAgency: { id: teacher.user.agencyId },
      contact: { name: teacher.user.name, email: teacher.user.email },
      subject: { fullName: 'Kari Counted' },
    });
    expect(statements).toHaveLength(7);
    expect(statements.filter((sql) => /INSERT INTO audit_events/.test(sql))).toHaveLength(1);
    const events = await app.dataSource
      .getRepository(AuditEvent)
      .find({ where: { subjectId: (answer.body as { subject: { id: string } }).subject.id } });
    expect(events.map((event) => event.action).sort()).toEqual(['concern.create', 'subject.create']);
  });

  it('still refuses an unknown district, alone or with an implausible birth (every problem named)', async () => {
    const teacher = await person('school', ['reporter']);
    const refusal = async (dateOfBirth: string) => {
      const answer = await app.http.post(
        '/api/v1/concerns',
        {
          subject: { fullName: 'Nobody Known', dateOfBirth, districtId: teacher.user.id },
          category: 'violent_extremism',
          narrative: 'Pupil shared extremist videos in class.',
          source: 'professional',
          riskLevel: 'moderate',
        },
        { token: teacher.token },
      );
      expect(answer.status).toBe(422);
      return (answer.body.errors as { field: string }[]).map((problem) => problem.field).sort();
    };
    expect(await refusal('2011-03-14')).toEqual(['districtId']);
    expect(await refusal('1850-01-01')).toEqual(['dateOfBirth', 'districtId']);
  });
});
