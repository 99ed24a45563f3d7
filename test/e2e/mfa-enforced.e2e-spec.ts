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

  it('does not ask it of roles outside MFA_REQUIRED_ROLES', async () => {
    const { token } = await signedIn(subject.http, subject.dataSource, { roles: ['reporter'] });
    expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
    // A reporter may not use the directory at all: a plain 403, not an MFA demand.
    const directory = await subject.http.get('/api/v1/districts', { token });
    expect(directory.status).toBe(403);
    expect(directory.body.type).toMatch(/forbidden$/);
  });
});
