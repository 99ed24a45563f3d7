/**
 * An admin resets a user's second factor (a lost phone): the factor is gone, the user signs in with the
 * password alone, their sessions are ended, and the auditor reads the admin's reason as the event's purpose.
 */
import { authenticator } from 'otplib';
import { login, signedIn, TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('POST /users/:id/second-factor/reset', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function enrolled() {
    const person = await signedIn(app.http, app.dataSource, { roles: ['reporter'] });
    const enrol = await app.http.post('/api/v1/auth/totp/enrol', undefined, { token: person.token });
    expect(enrol.status).toBe(200);
    const secret = enrol.body.secret as string;
    const confirm = await app.http.post(
      '/api/v1/auth/totp/confirm',
      { code: authenticator.clone({ epoch: Date.now() - 30_000 }).generate(secret) },
      { token: person.token },
    );
    expect(confirm.status).toBeLessThan(300);
    return person;
  }

  it('removes the factor, ends the sessions and records the reason for the auditor', async () => {
    const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    const person = await enrolled();
    // Control: with the factor, the password alone is not enough.
    const refused = await app.http.post('/api/v1/auth/login', { email: person.user.email, password: TEST_PASSWORD });
    expect(refused.status).toBe(401);

    const reset = await app.http.post(
      `/api/v1/users/${person.user.id}/second-factor/reset`,
      { reason: 'Lost phone, identity checked by call' },
      { token: admin.token },
    );
    expect(reset.status).toBe(200);
    expect(reset.body.mfaEnabled).toBe(false);

    await expect(login(app.http, person.user.email)).resolves.toHaveProperty('accessToken');
    const refresh = await app.http.post('/api/v1/auth/refresh', { refreshToken: person.tokens.refreshToken });
    expect(refresh.status).toBe(401);

    const events: { purpose: string; severity: string; actor_id: string; details: { hadSecondFactor: boolean } }[] =
      await app.dataSource.query(
        `SELECT purpose, severity, actor_id, details FROM audit_events
          WHERE action = 'user.reset_second_factor' AND resource_id = $1`,
        [person.user.id],
      );
    expect(events).toEqual([
      expect.objectContaining({
        purpose: 'Lost phone, identity checked by call',
        severity: 'high',
        actor_id: admin.user.id,
        details: { hadSecondFactor: true },
      }),
    ]);
  });

  it('is refused to anyone but an admin, and without a reason', async () => {
    const person = await enrolled();
    const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
    const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    const path = `/api/v1/users/${person.user.id}/second-factor/reset`;
    expect(
      (await app.http.post(path, { reason: 'Not mine to reset at all' }, { token: coordinator.token })).status,
    ).toBe(403);
    const bare = await app.http.post(path, { reason: 'short' }, { token: admin.token });
    expect(bare.status).toBe(400);
    const user = await app.http.get(`/api/v1/users/${person.user.id}`, { token: admin.token });
    expect(user.body.mfaEnabled).toBe(true);
  });
});
