import { AuditEvent } from '../../src/audit/audit-event.entity';
import { createAgency, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('subjects', () => {
  let subject: TestApp;
  let district: { id: string };
  let otherDistrict: { id: string };
  let reporter: { token: string };
  let coordinator: { token: string };

  beforeAll(async () => {
    subject = await startTestApp();
    district = await createDistrict(subject.dataSource);
    otherDistrict = await createDistrict(subject.dataSource);
    reporter = await signedIn(subject.http, subject.dataSource, { roles: ['reporter'] });
    coordinator = await signedIn(subject.http, subject.dataSource, {
      roles: ['coordinator'],
      districts: [district as never],
    });
  });
  afterAll(() => subject.close());

  const register = (token: string, fullName: string, dateOfBirth = '2010-06-01', districtId = district.id) =>
    subject.http.post('/api/v1/subjects', { fullName, dateOfBirth, districtId }, { token });

  it('gets a random pseudonym and its age today', async () => {
    const created = await register(reporter.token, 'Ingrid Hansen');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      pseudonym: expect.stringMatching(/^S-[0-9A-Z]{6}$/),
      isMinor: true,
      redacted: false,
      fullName: 'Ingrid Hansen',
      dateOfBirth: '2010-06-01',
      possibleDuplicates: [],
    });
    expect(created.body.pseudonym).not.toContain(created.body.id.slice(0, 6).toUpperCase());
  });

  it('offers likely duplicates across Nordic spellings, by pseudonym and district only', async () => {
    const first = await register(reporter.token, 'Søren Ødegård', '2009-02-03');
    const second = await register(reporter.token, 'SOREN ODEGARD', '2009-02-03');
    expect(second.body.possibleDuplicates).toEqual([
      { id: first.body.id, pseudonym: first.body.pseudonym, districtId: district.id },
    ]);
    const differentBirthday = await register(reporter.token, 'Søren Ødegård', '2009-02-04');
    expect(differentBirthday.body.possibleDuplicates).toEqual([]);
    const differentName = await register(reporter.token, 'Fatima Ali', '2009-02-03');
    expect(differentName.body.possibleDuplicates).toEqual([]);
    // Nothing was merged: three subjects with that birthday and name stay three.
    const [{ count }] = await subject.dataSource.query(
      `SELECT count(*)::int AS count FROM subjects WHERE name_key = 'soren odegard'`,
    );
    expect(count).toBe(3);
  });

  it.each([
    ['an unknown district', { districtId: '00000000-0000-4000-8000-000000000000' }, 422],
    ['a birth date in the future', { dateOfBirth: '2999-01-01' }, 422],
    ['an impossible date', { dateOfBirth: '2010-02-30' }, 400],
    ['a year alone', { dateOfBirth: '2010' }, 400],
    ['a week date', { dateOfBirth: '2010-W20-1' }, 400],
    ['a date with a time', { dateOfBirth: '2999-01-01T00:00' }, 400],
    ['a name whose folded form is long', { fullName: '\ufdfa'.repeat(200) }, 201],
    ['a missing name', { fullName: '' }, 400],
  ])('refuses %s', async (_, change, status) => {
    const response = await subject.http.post(
      '/api/v1/subjects',
      { fullName: 'Valid Name', dateOfBirth: '2010-01-01', districtId: district.id, ...change },
      { token: reporter.token },
    );
    expect(response.status).toBe(status);
  });

  it('offers as duplicates only subjects the caller may know of: a probe reveals nobody registered elsewhere', async () => {
    const police = await signedIn(subject.http, subject.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(subject.dataSource, { kind: 'police' }),
    });
    const registered = await register(police.token, 'Tobias Kristiansen', '2008-08-08');
    const probe = await register(reporter.token, 'Tobias Kristiansen', '2008-08-08');
    expect(probe.status).toBe(201);
    expect(probe.body.possibleDuplicates).toEqual([]);
    // The district's coordinator, who decides on links, is offered both.
    const coordinatorProbe = await register(coordinator.token, 'Tobias Kristiansen', '2008-08-08');
    expect(coordinatorProbe.body.possibleDuplicates.map((c: { id: string }) => c.id).sort()).toEqual(
      [registered.body.id, probe.body.id].sort(),
    );
  });

  it('shows the identity to whoever registered it, the pseudonym to the district coordinator, and nothing to others', async () => {
    const created = await register(reporter.token, 'Astrid Berg');
    const id = created.body.id;
    const own = await subject.http.get(`/api/v1/subjects/${id}`, { token: reporter.token });
    expect(own.body).toMatchObject({ redacted: false, fullName: 'Astrid Berg' });

    const coordinated = await subject.http.get(`/api/v1/subjects/${id}`, { token: coordinator.token });
    expect(coordinated.status).toBe(200);
    expect(coordinated.body).toMatchObject({ redacted: true, pseudonym: created.body.pseudonym });
    expect(coordinated.body).not.toHaveProperty('fullName');
    expect(coordinated.body).not.toHaveProperty('dateOfBirth');

    const stranger = await signedIn(subject.http, subject.dataSource, {
      roles: ['reporter', 'case_worker'],
      agency: await createAgency(subject.dataSource),
    });
    expect((await subject.http.get(`/api/v1/subjects/${id}`, { token: stranger.token })).status).toBe(404);
    const audit = await subject.dataSource.getRepository(AuditEvent).findBy({ resourceId: id, action: 'subject.read' });
    expect(audit.map((event) => event.outcome).sort()).toEqual(['allowed', 'allowed', 'denied']);
  });

  it('lets the district coordinator link two subjects as one person, and undo it, with both audited', async () => {
    const one = await register(reporter.token, 'Mari Lie', '2011-01-01');
    const two = await register(reporter.token, 'Marie Lie', '2011-01-01');
    const link = await subject.http.post(
      `/api/v1/subjects/${one.body.id}/links`,
      { otherSubjectId: two.body.id, note: 'Same school, same parents: one person.' },
      { token: coordinator.token },
    );
    expect(link.status).toBe(201);
    expect(link.body.other).toEqual({ id: two.body.id, pseudonym: two.body.pseudonym, districtId: district.id });
    const again = await subject.http.post(
      `/api/v1/subjects/${two.body.id}/links`,
      { otherSubjectId: one.body.id, note: 'Again' },
      { token: coordinator.token },
    );
    expect(again.status).toBe(409);
    const seen = await subject.http.get(`/api/v1/subjects/${two.body.id}`, { token: coordinator.token });
    expect(seen.body.links).toEqual([
      expect.objectContaining({ id: link.body.id, other: expect.objectContaining({ id: one.body.id }) }),
    ]);

    const removed = await subject.http.request(
      'DELETE',
      `/api/v1/subjects/${one.body.id}/links/${link.body.id}`,
      undefined,
      {
        token: coordinator.token,
      },
    );
    expect(removed.status).toBe(204);
    expect(
      (await subject.http.get(`/api/v1/subjects/${one.body.id}`, { token: coordinator.token })).body.links,
    ).toEqual([]);
    const events: { action: string; resource_id: string }[] = await subject.dataSource.query(
      `SELECT action, resource_id FROM audit_events WHERE details->>'linkId' = $1 ORDER BY action`,
      [link.body.id],
    );
    expect(events).toEqual([
      { action: 'subject.link', resource_id: one.body.id },
      { action: 'subject.unlink', resource_id: one.body.id },
    ]);
  });

  it('shows a link only where the caller may know of the other subject too', async () => {
    const police = await signedIn(subject.http, subject.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(subject.dataSource, { kind: 'police' }),
    });
    const mine = await register(reporter.token, 'Lina Haugen', '2013-03-03');
    const theirs = await register(police.token, 'Lina Haugen', '2013-03-03');
    const link = await subject.http.post(
      `/api/v1/subjects/${mine.body.id}/links`,
      { otherSubjectId: theirs.body.id, note: 'Same child' },
      { token: coordinator.token },
    );
    expect(link.status).toBe(201);
    const reporterView = await subject.http.get(`/api/v1/subjects/${mine.body.id}`, { token: reporter.token });
    expect(reporterView.body.links).toEqual([]);
    expect(JSON.stringify(reporterView.body)).not.toContain(theirs.body.pseudonym);
    const coordinatorView = await subject.http.get(`/api/v1/subjects/${mine.body.id}`, { token: coordinator.token });
    expect(coordinatorView.body.links).toHaveLength(1);
  });

  it('refuses to link a subject to itself, however its id is spelled', async () => {
    const one = await register(reporter.token, 'Eva Self', '2012-02-02');
    const response = await subject.http.post(
      `/api/v1/subjects/${one.body.id}/links`,
      { otherSubjectId: one.body.id.toUpperCase(), note: 'Same' },
      { token: coordinator.token },
    );
    expect(response.status).toBe(422);
  });

  it('lets a coordinator unlink only when both subjects are in their districts', async () => {
    const westCoordinator = await signedIn(subject.http, subject.dataSource, {
      roles: ['coordinator'],
      districts: [district as never, otherDistrict as never],
    });
    const here = await register(reporter.token, 'Nora West', '2012-05-05');
    const there = await register(reporter.token, 'Nora West', '2012-05-05', otherDistrict.id);
    const link = await subject.http.post(
      `/api/v1/subjects/${here.body.id}/links`,
      { otherSubjectId: there.body.id, note: 'Moved district' },
      { token: westCoordinator.token },
    );
    expect(link.status).toBe(201);
    const refused = await subject.http.request(
      'DELETE',
      `/api/v1/subjects/${here.body.id}/links/${link.body.id}`,
      undefined,
      {
        token: coordinator.token,
      },
    );
    expect(refused.status).toBe(404);
    const denials = await subject.dataSource
      .getRepository(AuditEvent)
      .findBy({ resourceId: here.body.id, action: 'subject.unlink' });
    expect(denials.map((event) => event.outcome)).toEqual(['denied']);
  });

  it("refuses links by a reporter (403) and by another district's coordinator (404)", async () => {
    const one = await register(reporter.token, 'Jon Dahl', '2012-01-01');
    const two = await register(reporter.token, 'John Dahl', '2012-01-01');
    const body = { otherSubjectId: two.body.id, note: 'Same person' };
    expect(
      (await subject.http.post(`/api/v1/subjects/${one.body.id}/links`, body, { token: reporter.token })).status,
    ).toBe(403);
    const westCoordinator = await signedIn(subject.http, subject.dataSource, {
      roles: ['coordinator'],
      districts: [otherDistrict as never],
    });
    expect(
      (await subject.http.post(`/api/v1/subjects/${one.body.id}/links`, body, { token: westCoordinator.token })).status,
    ).toBe(404);
  });
});
