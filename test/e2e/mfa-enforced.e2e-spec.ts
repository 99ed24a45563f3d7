import { authenticator } from 'otplib';
import { login, signedIn, TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('with MFA_ENFORCED=true', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ MFA_ENFORCED: 'true', MFA_REQUIRED_ROLES: 'coordinator,auditor,admin' });
  });
  afterAll(() => subject.close());

  it('lets an admin without a second factor only see themselves and enrol', async () => {
    const { token } = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
    const refused = await subject.http.get('/api/v1/districts', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/mfa-enrolment-required$/);
    expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
    expect((await subject.http.post('/api/v1/auth/totp/enrol', undefined, { token })).status).toBe(200);
  });

  it('opens the directory to an admin who logs in with a confirmed second factor', async () => {
    const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
    const { secret } = (await subject.http.post('/api/v1/auth/totp/enrol', undefined, { token })).body;
    const code = (offset: number) => authenticator.clone({ epoch: Date.now() + offset * 30_000 }).generate(secret);
    expect((await subject.http.post('/api/v1/auth/totp/confirm', { code: code(-1) }, { token })).status).toBe(204);
    // The session that enrolled proved only the password: the code is needed at a new login.
    expect((await subject.http.get('/api/v1/districts', { token })).status).toBe(403);

    expect((await subject.http.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(
      401,
    );
    const fresh = await login(subject.http, user.email, TEST_PASSWORD, code(0));
    expect((await subject.http.get('/api/v1/districts', { token: fresh.accessToken })).status).toBe(200);
    const disable = await subject.http.post(
      '/api/v1/auth/totp/disable',
      { code: code(1) },
      { token: fresh.accessToken },
    );
    expect(disable.status).toBe(422);
    expect(disable.body.type).toMatch(/totp-required-by-role$/);
  });

  it('keeps an admin without a second factor out of the queue dashboard too, and records the refusal', async () => {
    const { user, token } = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const refused = await subject.http.get(path, { token });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.type).toMatch(/mfa-enrolment-required$/);
    }
    const retry = await subject.http.request('PUT', '/admin/queues/api/queues/follow-ups/retry/failed', undefined, {
      token,
    });
    expect(retry.status).toBe(403);

    // With a second factor proved at login, the same admin gets in.
    const { secret } = (await subject.http.post('/api/v1/auth/totp/enrol', undefined, { token })).body;
    const code = (offset: number) => authenticator.clone({ epoch: Date.now() + offset * 30_000 }).generate(secret);
    expect((await subject.http.post('/api/v1/auth/totp/confirm', { code: code(-1) }, { token })).status).toBe(204);
    const fresh = await login(subject.http, user.email, TEST_PASSWORD, code(0));
    const shown = await subject.http.get('/admin/queues/api/queues', { token: fresh.accessToken });
    expect(shown.status).toBe(200);

    // A role the dashboard is not for is refused by the policy, and that refusal is recorded as every refusal is.
    const { user: coordinator, token: coordinatorToken } = await signedIn(subject.http, subject.dataSource, {
      roles: ['case_worker'],
    });
    const forbidden = await subject.http.get('/admin/queues/api/queues', { token: coordinatorToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toMatch(/forbidden$/);
    const [denied] = await subject.dataSource.query(
      `SELECT resource_type, outcome, request_id FROM audit_events WHERE actor_id = $1 AND action = 'queue.manage'`,
      [coordinator.id],
    );
    expect(denied).toEqual({
      resource_type: 'queue',
      outcome: 'denied',
      request_id: forbidden.headers.get('x-request-id'),
    });
  });

  it('does not ask it of roles outside MFA_REQUIRED_ROLES', async () => {
    const { token } = await signedIn(subject.http, subject.dataSource, { roles: ['reporter'] });
    expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
    // A reporter may not use the directory at all: a plain 403, not an MFA demand.
    const directory = await subject.http.get('/api/v1/districts', { token });
    expect(directory.status).toBe(403);
    expect(directory.body.type).toMatch(/forbidden$/);
  });
});
