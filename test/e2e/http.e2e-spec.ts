import { connect } from 'node:net';
import { buildCaseWorld, CaseWorld, Person } from '../support/case-world';
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP behaviour', () => {
  let subject: TestApp;
  let admin: string;

  beforeAll(async () => {
    subject = await startTestApp();
    admin = (await signedIn(subject.http, subject.dataSource, { roles: ['admin'] })).token;
  });
  afterAll(() => subject.close());

  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
  };

  describe('bad input is a 4xx problem document, never a 500', () => {
    it('malformed JSON → 400', async () => {
      const response = await subject.http.post('/api/v1/districts', undefined, {
        token: admin,
        raw: '{"name": "Alna"',
      });
      expectProblem(response, 400);
      expect(response.body.detail).toMatch(/JSON/);
    });

    it('unknown fields → 400 listing them', async () => {
      const response = await subject.http.post('/api/v1/districts', { name: 'Alna', colour: 'red' }, { token: admin });
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ field: 'colour', message: 'property colour should not exist' }]);
    });

    it('wrong types → 400 naming the field', async () => {
      const response = await subject.http.post('/api/v1/agencies', { name: 42, kind: ['police'] }, { token: admin });
      expectProblem(response, 400);
      expect([...new Set(response.body.errors.map((error: { field: string }) => error.field))].sort()).toEqual([
        'kind',
        'name',
      ]);
    });

    it('a JSON array or null where an object belongs → 400', async () => {
      expectProblem(await subject.http.post('/api/v1/districts', [{ name: 'Alna' }], { token: admin }), 400);
      expectProblem(await subject.http.post('/api/v1/districts', undefined, { token: admin, raw: 'null' }), 400);
    });

    it('text the database cannot store (a NUL character) → 400', async () => {
      expectProblem(await subject.http.post('/api/v1/districts', { name: 'Al\u0000na' }, { token: admin }), 400);
    });

    it('a body over 1 MiB → 413', async () => {
      const response = await subject.http.post(
        '/api/v1/districts',
        { name: 'x'.repeat(1024 * 1024 + 10) },
        { token: admin },
      );
      expectProblem(response, 413);
    });

    it('a body of another media type → 415', async () => {
      const response = await subject.http.post('/api/v1/districts', undefined, {
        token: admin,
        raw: '<district><name>Alna</name></district>',
        headers: { 'content-type': 'application/xml' },
      });
      expectProblem(response, 415);
    });

    it('an unknown route → 404', async () => {
      expectProblem(await subject.http.get('/api/v1/nothing-here', { token: admin }), 404);
    });

    it('JSON nested 5,000 deep → 400 on every route with a body, before any token is looked at', async () => {
      const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      for (const [path, token] of [
        ['/api/v1/auth/login', undefined],
        ['/api/v1/auth/refresh', undefined],
        ['/api/v1/districts', admin],
      ] as const) {
        for (const raw of [nested(5000), `{"email":${nested(5000)},"password":"x"}`, deepObject(5000)]) {
          const response = await subject.http.post(path, undefined, { token, raw });
          expectProblem(response, 400);
          expect(response.body.detail).toMatch(/nested/);
        }
      }
    });

    it('JSON nested a few levels deep still reaches validation, which names the unknown field', async () => {
      const response = await subject.http.post(
        '/api/v1/districts',
        { name: 'Alna', extra: { a: { b: [[{ c: [1] }]] } } },
        { token: admin },
      );
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ field: 'extra', message: 'property extra should not exist' }]);
    });

    it('a lone surrogate in an e-mail address → 400, at login and at user creation', async () => {
      const login = await subject.http.post('/api/v1/auth/login', { email: '\ud800', password: 'whatever' });
      expectProblem(login, 400);
      expect(login.body.errors.map((error: { field: string }) => error.field)).toContain('email');
      const user = await subject.http.post(
        '/api/v1/users',
        {
          email: 'kari\udfff@politiet.example',
          name: 'Kari',
          password: 'a long enough password',
          agencyId: '00000000-0000-4000-8000-000000000000',
          roles: ['reporter'],
        },
        { token: admin },
      );
      expectProblem(user, 400);
      expect(user.body.errors.map((error: { field: string }) => error.field)).toEqual(['email']);
    });

    it('names that are not well-formed Unicode (lone surrogates, non-characters) → 400, not stored altered', async () => {
      for (const name of ['East \ud800', 'East \ufffe', '\udc00East', 'East \u{10ffff}']) {
        const agency = await subject.http.post('/api/v1/agencies', { name, kind: 'school' }, { token: admin });
        expectProblem(agency, 400);
        expect(agency.body.errors.map((error: { field: string }) => error.field)).toEqual(['name']);
      }
      const [{ count }] = await subject.dataSource.query(
        `SELECT count(*)::int AS count FROM agencies WHERE name LIKE 'East%' OR name LIKE '%East'`,
      );
      expect(count).toBe(0);
    });

    it('writes nothing when refusing', async () => {
      const [{ count }] = await subject.dataSource.query(
        `SELECT count(*)::int AS count FROM districts WHERE name = 'Alna'`,
      );
      expect(count).toBe(0);
    });
  });

  describe("the framework's own refusals are problem documents too", () => {
    it('a malformed percent-encoding → 400', async () => {
      for (const path of ['/%', '/api/v1/concerns/%E0%A4%A', '/api/v1/agencies/%zz']) {
        const response = await subject.http.get(path, { token: admin });
        expectProblem(response, 400);
        expect(response.headers.get('x-request-id')).toBe(response.body.requestId);
      }
    });

    it('a path segment longer than any id → 414', async () => {
      for (const length of [150, 600]) {
        const response = await subject.http.get(`/api/v1/concerns/${'a'.repeat(length)}`, { token: admin });
        expectProblem(response, 414);
      }
    });

    it("an error a plugin answers in its own words (the queue dashboard, Swagger UI's files) → a problem document", async () => {
      const unknownQueue = await subject.http.get('/admin/queues/api/queues/no-such-queue/no-such-job', {
        token: admin,
      });
      expectProblem(unknownQueue, 404);
      const unknownFile = await subject.http.get('/api/docs/no-such-file.js');
      expectProblem(unknownFile, 404);
    });

    it('a malformed HTTP request → 400', async () => {
      const { port } = new URL(subject.http.baseUrl);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
        );
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(body)).toMatchObject({ status: 400, type: expect.stringMatching(/invalid-request$/) });
    });
  });

  describe('request ids', () => {
    it('gives every response one, and names it in problem documents', async () => {
      const response = await subject.http.get('/api/v1/nothing-here', { token: admin });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.requestId).toBe(id);
    });

    it("keeps a caller's well-formed id and replaces a malformed one", async () => {
      const kept = await subject.http.get('/health/live', { headers: { 'x-request-id': 'gateway-abc-12345' } });
      expect(kept.headers.get('x-request-id')).toBe('gateway-abc-12345');
      const replaced = await subject.http.get('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('stamps audit events with the request id', async () => {
      const response = await subject.http.post(
        '/api/v1/districts',
        { name: 'Stamped' },
        { token: admin, headers: { 'x-request-id': 'trace-district-1' } },
      );
      const [event] = await subject.dataSource.query(`SELECT request_id FROM audit_events WHERE resource_id = $1`, [
        response.body.id,
      ]);
      expect(event.request_id).toBe('trace-district-1');
    });
  });

  describe('caching', () => {
    let world: CaseWorld;

    beforeAll(async () => {
      world = await buildCaseWorld(subject);
    });

    it('tells browsers and proxies to keep no copy of answers that carry personal data', async () => {
      const { ids } = world;
      const reads: [string, Person][] = [
        [`/api/v1/concerns/${ids.concern}`, 'reporter'],
        ['/api/v1/concerns', 'coordinator'],
        [`/api/v1/subjects/${ids.subject}`, 'reporter'],
        [`/api/v1/subjects/${ids.subject}/consents`, 'coordinator'],
        ['/api/v1/referrals', 'coordinator'],
        [`/api/v1/referrals/${ids.referral}`, 'caseWorker'],
        ['/api/v1/follow-ups?owner=me', 'coordinator'],
        [`/api/v1/meetings/${ids.meeting}`, 'member'],
        [`/api/v1/meetings/${ids.meeting}/agenda`, 'member'],
        ['/api/v1/audit/events', 'auditor'],
        [`/api/v1/audit/subjects/${ids.subject}/accesses`, 'auditor'],
        ['/api/v1/users', 'admin'],
        ['/api/v1/me', 'reporter'],
      ];
      for (const [path, who] of reads) {
        const response = await subject.http.get(path, { token: world.people[who].token });
        expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
      }
    });

    it('keeps what a route sets itself, and marks refusals too', async () => {
      const pdf = await subject.http.bytes(`/api/v1/meetings/${world.ids.meeting}/agenda.pdf`, {
        token: world.people.member.token,
      });
      expect(pdf.headers.get('cache-control')).toBe('no-store');
      const refused = await subject.http.get(`/api/v1/concerns/${world.ids.concern}`, {
        token: world.people.admin.token,
      });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('security headers and CORS', () => {
    it('sends helmet headers', async () => {
      const response = await subject.http.get('/health/live');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('allows the configured origin and no other', async () => {
      const preflight = (origin: string) =>
        subject.http.request('OPTIONS', '/api/v1/me', undefined, {
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const allowed = await preflight('https://app.samvirke.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.samvirke.example');
      const refused = await preflight('https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
