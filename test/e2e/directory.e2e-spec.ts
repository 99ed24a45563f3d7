import { AuditEvent } from '../../src/audit/audit-event.entity';
import { createAgency, createDistrict, login, signedIn, TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('directory (admin)', () => {
  let subject: TestApp;
  let admin: string;

  beforeAll(async () => {
    subject = await startTestApp();
    admin = (await signedIn(subject.http, subject.dataSource, { roles: ['admin'] })).token;
  });
  afterAll(() => subject.close());

  const auditOf = (resourceId: string) => subject.dataSource.getRepository(AuditEvent).findBy({ resourceId });

  describe('districts', () => {
    it('creates one, lists it, and records the change', async () => {
      const created = await subject.http.post('/api/v1/districts', { name: '  Grorud  ' }, { token: admin });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Grorud',
        timeZone: 'Europe/Oslo',
        emergencyPoliceAgencyId: null,
        createdAt: expect.any(String),
      });
      const helsinki = await subject.http.post(
        '/api/v1/districts',
        { name: 'Kallio', timeZone: 'Europe/Helsinki' },
        { token: admin },
      );
      expect(helsinki.body.timeZone).toBe('Europe/Helsinki');
      const nowhere = await subject.http.post(
        '/api/v1/districts',
        { name: 'X', timeZone: 'Mars/Olympus' },
        { token: admin },
      );
      expect(nowhere.status).toBe(400);
      expect(nowhere.body.errors).toEqual([{ field: 'timeZone', message: expect.stringContaining('IANA') }]);
      const list = await subject.http.get('/api/v1/districts?limit=200', { token: admin });
      expect(list.body.items.map((district: { name: string }) => district.name)).toContain('Grorud');
      expect((await auditOf(created.body.id)).map((event) => event.action)).toEqual(['district.create']);
    });

    it('moves a district to another time zone, audited, and refuses an unknown zone with 400 changing nothing', async () => {
      const district = await createDistrict(subject.dataSource);
      const moved = await subject.http.patch(
        `/api/v1/districts/${district.id}`,
        { timeZone: 'Europe/Helsinki' },
        { token: admin },
      );
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: district.id, name: district.name, timeZone: 'Europe/Helsinki' });
      const listed = await subject.http.get('/api/v1/districts?limit=200', { token: admin });
      expect(listed.body.items.find((item: { id: string }) => item.id === district.id)).toEqual(moved.body);
      const [update] = (await auditOf(district.id)).filter((event) => event.action === 'district.update');
      expect(update.details).toMatchObject({
        changed: ['timeZone'],
        before: { timeZone: district.timeZone },
        after: { timeZone: 'Europe/Helsinki' },
      });

      const nowhere = await subject.http.patch(
        `/api/v1/districts/${district.id}`,
        { name: 'Elsewhere', timeZone: 'Mars/Olympus' },
        { token: admin },
      );
      expect(nowhere.status).toBe(400);
      expect(nowhere.headers.get('content-type')).toContain('application/problem+json');
      expect(nowhere.body.errors).toEqual([{ field: 'timeZone', message: expect.stringContaining('IANA') }]);
      const [row] = await subject.dataSource.query('SELECT name, time_zone FROM districts WHERE id = $1', [
        district.id,
      ]);
      expect(row).toEqual({ name: district.name, time_zone: 'Europe/Helsinki' });
      expect((await auditOf(district.id)).filter((event) => event.action === 'district.update')).toHaveLength(1);
    });

    it('refuses a duplicate name with 409 and writes nothing', async () => {
      await subject.http.post('/api/v1/districts', { name: 'Alna' }, { token: admin });
      const again = await subject.http.post('/api/v1/districts', { name: 'Alna' }, { token: admin });
      expect(again.status).toBe(409);
      const [{ count }] = await subject.dataSource.query(
        `SELECT count(*)::int AS count FROM districts WHERE name = 'Alna'`,
      );
      expect(count).toBe(1);
    });

    it('pages with a cursor, every district once, in name order', async () => {
      for (const name of ['Page A', 'Page B', 'Page C', 'Page D', 'Page E'])
        await createDistrict(subject.dataSource, name);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await subject.http.get(`/api/v1/districts?limit=2${query}`, { token: admin });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((district: { name: string }) => district.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      const [{ count }] = await subject.dataSource.query('SELECT count(*)::int AS count FROM districts');
      expect(seen).toHaveLength(count);
      expect([...seen].sort()).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);
    });

    describe('the police agency that receives its emergencies', () => {
      const patchDistrict = (id: string, body: unknown, token = admin) =>
        subject.http.patch(`/api/v1/districts/${id}`, body, { token });
      const emergencyPoliceOf = async (id: string) =>
        (
          await subject.dataSource.query('SELECT emergency_police_agency_id AS id FROM districts WHERE id = $1', [id])
        )[0].id;

      it('is named when the district is created (a city-wide police agency), or later, and each change is audited', async () => {
        const cityPolice = await createAgency(subject.dataSource, { kind: 'police' });
        const created = await subject.http.post(
          '/api/v1/districts',
          { name: `Stovner ${Date.now()}`, emergencyPoliceAgencyId: cityPolice.id },
          { token: admin },
        );
        expect(created.status).toBe(201);
        expect(created.body.emergencyPoliceAgencyId).toBe(cityPolice.id);

        const ownPolice = await createAgency(subject.dataSource, { kind: 'police', districtId: created.body.id });
        const named = await patchDistrict(created.body.id, { emergencyPoliceAgencyId: ownPolice.id });
        expect(named.status).toBe(200);
        expect(named.body).toMatchObject({ id: created.body.id, emergencyPoliceAgencyId: ownPolice.id });
        const listed = await subject.http.get('/api/v1/districts?limit=200', { token: admin });
        expect(listed.body.items.find((item: { id: string }) => item.id === created.body.id)).toEqual(named.body);

        const events = await auditOf(created.body.id);
        expect(events.map((event) => event.action).sort()).toEqual(['district.create', 'district.update']);
        const update = events.find((event) => event.action === 'district.update')!;
        expect(update.details).toMatchObject({
          changed: ['emergencyPoliceAgencyId'],
          before: { emergencyPoliceAgencyId: cityPolice.id },
          after: { emergencyPoliceAgencyId: ownPolice.id },
        });
      });

      it.each([
        ['an agency that is not police', async () => (await createAgency(subject.dataSource, { kind: 'school' })).id],
        ['an agency that does not exist', () => Promise.resolve('00000000-0000-4000-8000-000000000000')],
        [
          'the police of another district',
          async () =>
            (
              await createAgency(subject.dataSource, {
                kind: 'police',
                districtId: (await createDistrict(subject.dataSource)).id,
              })
            ).id,
        ],
      ])('refuses %s with 422 naming the field, on create and on change', async (_, agencyId) => {
        const id = await agencyId();
        const district = await createDistrict(subject.dataSource);
        const before = await subject.dataSource.query('SELECT count(*)::int AS count FROM districts');
        const created = await subject.http.post(
          '/api/v1/districts',
          { name: `Refused ${Date.now()}`, emergencyPoliceAgencyId: id },
          { token: admin },
        );
        const changed = await patchDistrict(district.id, { emergencyPoliceAgencyId: id });
        for (const response of [created, changed]) {
          expect(response.status).toBe(422);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(response.body.errors).toEqual([{ field: 'emergencyPoliceAgencyId', message: expect.any(String) }]);
        }
        expect(await subject.dataSource.query('SELECT count(*)::int AS count FROM districts')).toEqual(before);
        expect(await emergencyPoliceOf(district.id)).toBeNull();
      });

      it('cannot be cleared once the district has concerns; before that it can', async () => {
        const district = await createDistrict(subject.dataSource);
        const police = await createAgency(subject.dataSource, { kind: 'police', districtId: district.id });
        expect(await emergencyPoliceOf(district.id)).toBe(police.id);
        expect((await patchDistrict(district.id, { emergencyPoliceAgencyId: null })).status).toBe(200);
        expect(await emergencyPoliceOf(district.id)).toBeNull();
        expect((await patchDistrict(district.id, { emergencyPoliceAgencyId: police.id })).status).toBe(200);

        const teacher = await signedIn(subject.http, subject.dataSource, {
          roles: ['reporter'],
          agency: await createAgency(subject.dataSource, { kind: 'school', districtId: district.id }),
        });
        const concern = await subject.http.post(
          '/api/v1/concerns',
          {
            subject: { fullName: 'Dir Ectory', dateOfBirth: '2011-01-01', districtId: district.id },
            category: 'other',
            narrative: 'A concern in the district',
            source: 'professional',
            riskLevel: 'low',
          },
          { token: teacher.token },
        );
        expect(concern.status).toBe(201);
        const cleared = await patchDistrict(district.id, { emergencyPoliceAgencyId: null });
        expect(cleared.status).toBe(422);
        expect(cleared.body.errors).toEqual([{ field: 'emergencyPoliceAgencyId', message: expect.any(String) }]);
        expect(await emergencyPoliceOf(district.id)).toBe(police.id);
        // Renaming it leaves the police agency as it is.
        const renamed = await patchDistrict(district.id, { name: `Renamed ${Date.now()}` });
        expect(renamed.status).toBe(200);
        expect(renamed.body.emergencyPoliceAgencyId).toBe(police.id);
      });

      it('keeps the agency a police agency serving the district while it receives its emergencies', async () => {
        const district = await createDistrict(subject.dataSource);
        const police = await createAgency(subject.dataSource, { kind: 'police', districtId: district.id });
        const elsewhere = await createDistrict(subject.dataSource);
        for (const change of [{ kind: 'school' }, { districtId: elsewhere.id }]) {
          const response = await subject.http.patch(`/api/v1/agencies/${police.id}`, change, { token: admin });
          expect(response.status).toBe(422);
          expect(response.body.errors).toEqual([{ field: Object.keys(change)[0], message: expect.any(String) }]);
        }
        const [row] = await subject.dataSource.query('SELECT kind, district_id FROM agencies WHERE id = $1', [
          police.id,
        ]);
        expect(row).toEqual({ kind: 'police', district_id: district.id });
        // Serving the whole city instead still serves the district.
        expect(
          (await subject.http.patch(`/api/v1/agencies/${police.id}`, { districtId: null }, { token: admin })).status,
        ).toBe(200);
      });

      it('answers 404 for an unknown district and 403 to a non-admin', async () => {
        expect((await patchDistrict('00000000-0000-4000-8000-000000000000', { name: 'Nowhere' })).status).toBe(404);
        const district = await createDistrict(subject.dataSource);
        const { token } = await signedIn(subject.http, subject.dataSource, {
          roles: ['coordinator'],
          districts: [district],
        });
        expect((await patchDistrict(district.id, { emergencyPoliceAgencyId: null }, token)).status).toBe(403);
      });
    });

    it.each([
      ['limit=0', 400],
      ['limit=201', 400],
      ['limit=abc', 400],
      ['cursor=not-a-cursor', 400],
    ])('answers %s with %i', async (query, status) => {
      const response = await subject.http.get(`/api/v1/districts?${query}`, { token: admin });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('agencies', () => {
    it('creates, reads, filters and updates one, auditing each change', async () => {
      const district = await createDistrict(subject.dataSource);
      const created = await subject.http.post(
        '/api/v1/agencies',
        { name: 'Furuset School', kind: 'school', districtId: district.id },
        { token: admin },
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Furuset School', kind: 'school', districtId: district.id });

      const read = await subject.http.get(`/api/v1/agencies/${created.body.id}`, { token: admin });
      expect(read.body).toEqual(created.body);

      const schools = await subject.http.get(`/api/v1/agencies?kind=school&districtId=${district.id}`, {
        token: admin,
      });
      expect(schools.body.items.map((agency: { id: string }) => agency.id)).toEqual([created.body.id]);

      const updated = await subject.http.patch(
        `/api/v1/agencies/${created.body.id}`,
        { name: 'Furuset Upper School', districtId: null },
        { token: admin },
      );
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ name: 'Furuset Upper School', kind: 'school', districtId: null });
      expect((await auditOf(created.body.id)).map((event) => event.action).sort()).toEqual([
        'agency.create',
        'agency.update',
      ]);
    });

    it.each([
      ['an unknown kind', { name: 'X', kind: 'spy_agency' }, 400],
      ['a missing name', { kind: 'police' }, 400],
      ['an unknown field', { name: 'X', kind: 'police', secret: true }, 400],
      ['a district id that is not a uuid', { name: 'X', kind: 'police', districtId: 'east' }, 400],
      [
        'a district that does not exist',
        { name: 'X', kind: 'police', districtId: '00000000-0000-4000-8000-000000000000' },
        422,
      ],
    ])('refuses %s', async (_, body, status) => {
      const before = await subject.dataSource.query('SELECT count(*)::int AS count FROM agencies');
      const response = await subject.http.post('/api/v1/agencies', body, { token: admin });
      expect(response.status).toBe(status);
      expect(await subject.dataSource.query('SELECT count(*)::int AS count FROM agencies')).toEqual(before);
    });

    it('answers 404 for an unknown agency and 400 for a malformed id', async () => {
      expect(
        (await subject.http.get('/api/v1/agencies/00000000-0000-4000-8000-000000000000', { token: admin })).status,
      ).toBe(404);
      expect((await subject.http.get('/api/v1/agencies/42', { token: admin })).status).toBe(400);
    });
  });

  describe('users', () => {
    it('creates a user who can log in, and never shows the password hash', async () => {
      const agency = await createAgency(subject.dataSource, { kind: 'police' });
      const district = await createDistrict(subject.dataSource);
      const created = await subject.http.post(
        '/api/v1/users',
        {
          email: 'Officer.New@Police.Example',
          name: 'Officer New',
          password: TEST_PASSWORD,
          agencyId: agency.id,
          roles: ['reporter', 'forum_member'],
          districtIds: [district.id],
        },
        { token: admin },
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: 'officer.new@police.example',
        agency: { id: agency.id, kind: 'police' },
        roles: ['reporter', 'forum_member'],
        districts: [{ id: district.id, name: district.name, timeZone: district.timeZone }],
        active: true,
        mfaEnabled: false,
      });
      expect(JSON.stringify(created.body)).not.toMatch(/argon2|passwordHash/);
      await login(subject.http, 'officer.new@police.example');
      const read = await subject.http.get(`/api/v1/users/${created.body.id}`, { token: admin });
      expect(read.body).toEqual(created.body);
      expect((await auditOf(created.body.id)).map((event) => event.action).sort()).toEqual([
        'user.create',
        'user.read',
      ]);
    });

    it.each([
      ['a coordinator without a district', 'districtIds', { roles: ['coordinator'] }],
      ['an admin who is also a coordinator', 'roles', { roles: ['admin', 'coordinator'], withDistrict: true }],
      ['an unknown agency', 'agencyId', { roles: ['reporter'], agencyId: '00000000-0000-4000-8000-000000000000' }],
      [
        'an unknown district',
        'districtIds',
        { roles: ['reporter'], districtIds: ['00000000-0000-4000-8000-000000000000'] },
      ],
    ])('refuses %s with 422 naming %s', async (_, field, fields) => {
      const agency = await createAgency(subject.dataSource);
      const district = await createDistrict(subject.dataSource);
      const { withDistrict, ...rest } = fields as Record<string, unknown>;
      const response = await subject.http.post(
        '/api/v1/users',
        {
          email: `rule.${Math.random()}@example.org`,
          name: 'Rule Test',
          password: TEST_PASSWORD,
          agencyId: agency.id,
          districtIds: withDistrict ? [district.id] : [],
          ...rest,
        },
        { token: admin },
      );
      expect(response.status).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('refuses a duplicate e-mail address with 409, whatever its case', async () => {
      const { user } = await signedIn(subject.http, subject.dataSource);
      const response = await subject.http.post(
        '/api/v1/users',
        {
          email: user.email.toUpperCase(),
          name: 'Twin',
          password: TEST_PASSWORD,
          agencyId: user.agencyId,
          roles: ['reporter'],
        },
        { token: admin },
      );
      expect(response.status).toBe(409);
    });

    it.each([
      ['districtIds: null', { districtIds: null }],
      ['roles that are not a list', { roles: 'reporter' }],
    ])('refuses %s with 400', async (_, change) => {
      const agency = await createAgency(subject.dataSource);
      const response = await subject.http.post(
        '/api/v1/users',
        {
          email: `typed.${Math.random()}@example.org`,
          name: 'Typed',
          password: TEST_PASSWORD,
          agencyId: agency.id,
          roles: ['reporter'],
          ...change,
        },
        { token: admin },
      );
      expect(response.status).toBe(400);
    });

    it('does not let an admin set another user’s password (no way to impersonate them)', async () => {
      const { user } = await signedIn(subject.http, subject.dataSource);
      const response = await subject.http.patch(
        `/api/v1/users/${user.id}`,
        { password: 'a password the admin knows' },
        { token: admin },
      );
      expect(response.status).toBe(400);
      await login(subject.http, user.email, TEST_PASSWORD);
    });

    it('refuses a short password with 400', async () => {
      const agency = await createAgency(subject.dataSource);
      const response = await subject.http.post(
        '/api/v1/users',
        { email: 'short@example.org', name: 'Short', password: 'short', agencyId: agency.id, roles: ['reporter'] },
        { token: admin },
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('password');
    });

    it('changes roles and districts, which take effect on the next request', async () => {
      const district = await createDistrict(subject.dataSource);
      const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: ['reporter'] });
      const updated = await subject.http.patch(
        `/api/v1/users/${user.id}`,
        { roles: ['reporter', 'coordinator'], districtIds: [district.id] },
        { token: admin },
      );
      expect(updated.status).toBe(200);
      expect(updated.body.roles).toEqual(['reporter', 'coordinator']);
      const me = await subject.http.get('/api/v1/me', { token });
      expect(me.body.roles).toEqual(['reporter', 'coordinator']);
      expect(me.body.districts).toEqual([{ id: district.id, name: district.name, timeZone: district.timeZone }]);
      const [event] = await subject.dataSource
        .getRepository(AuditEvent)
        .findBy({ resourceId: user.id, action: 'user.update' });
      expect(event.details).toMatchObject({ changed: ['roles', 'districtIds'], before: { roles: ['reporter'] } });
      expect(event.severity).toBe('high');
    });

    it('deactivates a user: their token stops at once and their sessions end', async () => {
      const { user, token, tokens } = await signedIn(subject.http, subject.dataSource);
      const response = await subject.http.patch(`/api/v1/users/${user.id}`, { active: false }, { token: admin });
      expect(response.status).toBe(200);
      expect(response.body.active).toBe(false);
      expect((await subject.http.get('/api/v1/me', { token })).status).toBe(401);
      expect((await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
      const [{ open }] = await subject.dataSource.query(
        'SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      expect(open).toBe(0);
    });

    it('refuses to let an admin deactivate themselves or drop their own admin role', async () => {
      const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
      for (const change of [{ active: false }, { roles: ['auditor'] }]) {
        const response = await subject.http.patch(`/api/v1/users/${user.id}`, change, { token });
        expect(response.status).toBe(422);
        expect(response.body.type).toMatch(/self-lockout$/);
      }
      expect((await subject.http.get('/api/v1/me', { token })).body.roles).toEqual(['admin']);
    });

    it('filters the list by agency, role and active flag', async () => {
      const agency = await createAgency(subject.dataSource);
      const { user: worker } = await signedIn(subject.http, subject.dataSource, { agency, roles: ['case_worker'] });
      await signedIn(subject.http, subject.dataSource, { agency, roles: ['reporter'] });
      const list = await subject.http.get(`/api/v1/users?agencyId=${agency.id}&role=case_worker&active=true`, {
        token: admin,
      });
      expect(list.status).toBe(200);
      expect(list.body.items.map((user: { id: string }) => user.id)).toEqual([worker.id]);
    });
  });

  describe('who may use it', () => {
    it.each([['reporter'], ['case_worker'], ['forum_member']] as const)(
      'refuses a %s with 403, and records the refusal',
      async (role) => {
        const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: [role] });
        for (const [method, path] of [
          ['GET', '/api/v1/districts'],
          ['GET', '/api/v1/agencies'],
          ['GET', '/api/v1/users'],
        ] as const) {
          const response = await subject.http.request(method, path, undefined, { token });
          expect(response.status).toBe(403);
        }
        const refusals = await subject.dataSource
          .getRepository(AuditEvent)
          .findBy({ actorId: user.id, outcome: 'denied' });
        expect(refusals.map((event) => `${event.action} ${event.resourceType}`).sort()).toEqual([
          'agency.list agency',
          'district.list district',
          'user.list user',
        ]);
      },
    );

    it('lets an auditor read the agencies and users (to name those the trail gives by id) and change nothing', async () => {
      const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: ['auditor'] });
      expect((await subject.http.get('/api/v1/agencies', { token })).status).toBe(200);
      const users = await subject.http.get('/api/v1/users?limit=5', { token });
      expect(users.status).toBe(200);
      expect(users.body.items.length).toBeGreaterThan(0);
      expect((await subject.http.get('/api/v1/districts', { token })).status).toBe(403);
      expect((await subject.http.patch(`/api/v1/users/${user.id}`, { name: 'Renamed' }, { token })).status).toBe(403);
      const agency = await createAgency(subject.dataSource);
      expect((await subject.http.patch(`/api/v1/agencies/${agency.id}`, { name: 'Renamed' }, { token })).status).toBe(
        403,
      );
      const refusals = await subject.dataSource
        .getRepository(AuditEvent)
        .findBy({ actorId: user.id, outcome: 'denied' });
      expect(refusals.map((event) => event.action).sort()).toEqual(['agency.update', 'district.list', 'user.update']);
    });

    it('lets a coordinator read the agencies (to refer to one, or name it in a consent) and nothing else of it', async () => {
      const agency = await createAgency(subject.dataSource);
      const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: ['coordinator'] });
      const list = await subject.http.get(`/api/v1/agencies?kind=${agency.kind}&limit=1`, { token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect((await subject.http.get(`/api/v1/agencies/${agency.id}`, { token })).status).toBe(200);
      for (const [method, path] of [
        ['GET', '/api/v1/districts'],
        ['GET', '/api/v1/users'],
      ] as const) {
        expect((await subject.http.request(method, path, undefined, { token })).status).toBe(403);
      }
      expect((await subject.http.patch(`/api/v1/agencies/${agency.id}`, { name: 'Renamed' }, { token })).status).toBe(
        403,
      );
      const refusals = await subject.dataSource
        .getRepository(AuditEvent)
        .findBy({ actorId: user.id, outcome: 'denied' });
      expect(refusals.map((event) => `${event.action} ${event.resourceType}`).sort()).toEqual([
        'agency.update agency',
        'district.list district',
        'user.list user',
      ]);
    });

    it('refuses a directory change from a non-admin and changes nothing', async () => {
      const { token } = await signedIn(subject.http, subject.dataSource, { roles: ['coordinator'] });
      const before = await subject.dataSource.query('SELECT count(*)::int AS count FROM districts');
      expect((await subject.http.post('/api/v1/districts', { name: 'Sneaky' }, { token })).status).toBe(403);
      expect(await subject.dataSource.query('SELECT count(*)::int AS count FROM districts')).toEqual(before);
    });
  });
});
