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

    it('writes nothing when refusing', async () => {
      const [{ count }] = await subject.dataSource.query(
        `SELECT count(*)::int AS count FROM districts WHERE name = 'Alna'`,
      );
      expect(count).toBe(0);
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
