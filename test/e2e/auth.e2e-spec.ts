import { createHmac } from 'node:crypto';
import { authenticator } from 'otplib';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Clock } from '../../src/clock/clock';
import { createUser, login, signedIn, TEST_PASSWORD } from '../support/factories';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed with HS256 by hand, so every claim and header can be set. */
function forgeToken(header: object, claims: object, secret = TEST_JWT_SECRET): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('authentication', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.close());

  const auditActions = async (actorId: string) =>
    (await subject.dataSource.getRepository(AuditEvent).find({ where: { actorId }, order: { occurredAt: 'ASC' } })).map(
      // A refusal shows as such, with its reason: one action names the attempt, allowed or denied.
      (event) =>
        event.outcome === 'denied'
          ? `${event.action} denied${event.details.reason ? ` (${String(event.details.reason as string)})` : ''}`
          : event.action,
    );

  describe('login', () => {
    it('gives a token pair that opens /me, and records the login', async () => {
      const user = await createUser(subject.dataSource, { roles: ['reporter', 'case_worker'] });
      const response = await subject.http.post('/api/v1/auth/login', {
        email: user.email.toUpperCase(),
        password: TEST_PASSWORD,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      const me = await subject.http.get('/api/v1/me', { token: response.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id: user.id,
        email: user.email,
        name: user.name,
        agency: { id: user.agencyId, kind: 'social_services' },
        roles: ['reporter', 'case_worker'],
        districts: [],
        mfaEnabled: false,
      });
      expect(await auditActions(user.id)).toContain('session.create');
    });

    it('answers an unknown e-mail address exactly as it answers a wrong password', async () => {
      const user = await createUser(subject.dataSource);
      const wrongPassword = await subject.http.post('/api/v1/auth/login', {
        email: user.email,
        password: 'not the password',
      });
      const unknownAccount = await subject.http.post('/api/v1/auth/login', {
        email: 'nobody@nowhere.example',
        password: 'not the password',
      });
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(wrongPassword.status).toBe(401);
      expect(unknownAccount.status).toBe(401);
      expect(strip(unknownAccount.body)).toEqual(strip(wrongPassword.body));
      expect(wrongPassword.body.type).toMatch(/invalid-credentials$/);
      expect(await auditActions(user.id)).toContain('session.create denied (wrong_password)');
    });

    it('refuses a deactivated account with the same answer as a wrong password', async () => {
      const user = await createUser(subject.dataSource, { active: false });
      const response = await subject.http.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(response.status).toBe(401);
      expect(response.body.type).toMatch(/invalid-credentials$/);
    });

    it('refuses a malformed login with 400 before checking any password', async () => {
      const user = await createUser(subject.dataSource);
      const response = await subject.http.post('/api/v1/auth/login', {
        email: user.email,
        password: TEST_PASSWORD,
        admin: true,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'admin', message: 'property admin should not exist' }]);
      expect(await auditActions(user.id)).toEqual([]);
    });
  });

  describe('lockout', () => {
    const attempt = (email: string, password: string) => subject.http.post('/api/v1/auth/login', { email, password });

    it('locks an account after five failures in 15 minutes, even for the right password, and records it', async () => {
      const user = await createUser(subject.dataSource);
      for (let failure = 1; failure <= 4; failure += 1) {
        expect((await attempt(user.email, `wrong ${failure}`)).status).toBe(401);
      }
      const fifth = await attempt(user.email, 'wrong 5');
      expect(fifth.status).toBe(429);
      expect(fifth.body.type).toMatch(/account-locked$/);
      const withRightPassword = await attempt(user.email, TEST_PASSWORD);
      expect(withRightPassword.status).toBe(429);
      expect(Number(withRightPassword.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      const actions = await auditActions(user.id);
      expect(actions.filter((action) => action === 'session.create denied (wrong_password)')).toHaveLength(5);
      expect(actions).toContain('user.lock denied');
      expect(actions).toContain('session.create denied (locked)');
    });

    it('answers the same for an account that does not exist', async () => {
      const existing = await createUser(subject.dataSource);
      const answers = async (email: string) => {
        for (let failure = 1; failure <= 4; failure += 1) await attempt(email, `wrong ${failure}`);
        const fifth = await attempt(email, 'wrong 5');
        const sixth = await attempt(email, 'wrong 6');
        return [fifth, sixth].map((response) => ({
          status: response.status,
          type: response.body.type,
          detail: response.body.detail,
        }));
      };
      expect(await answers('ghost@nowhere.example')).toEqual(await answers(existing.email));
    });

    it('counts guesses sent all at once: no more than five are checked', async () => {
      const user = await createUser(subject.dataSource);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, guess) => attempt(user.email, `parallel guess ${guess}`)),
      );
      const statuses = answers.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 401)).toHaveLength(4);
      expect(statuses.filter((status) => status === 429)).toHaveLength(8);
      const failures = (await auditActions(user.id)).filter(
        (action) => action === 'session.create denied (wrong_password)',
      );
      expect(failures).toHaveLength(5);
    });

    it('lifts the lock 15 minutes after the last failure', async () => {
      const user = await createUser(subject.dataSource);
      for (let failure = 1; failure <= 5; failure += 1) await attempt(user.email, `wrong ${failure}`);
      expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(429);
      await subject.dataSource.query(
        `UPDATE login_attempts SET attempted_at = attempted_at - interval '15 minutes 1 second'`,
      );
      expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(200);
    });

    it('does not lock for failures spread over more than 15 minutes', async () => {
      const user = await createUser(subject.dataSource);
      for (let failure = 1; failure <= 4; failure += 1) await attempt(user.email, `wrong ${failure}`);
      await subject.dataSource.query(`UPDATE login_attempts SET attempted_at = attempted_at - interval '16 minutes'`);
      expect((await attempt(user.email, 'wrong 5')).status).toBe(401);
      expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(200);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each works once, and gives a working pair', async () => {
      const { user, tokens } = await signedIn(subject.http, subject.dataSource);
      const first = await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toEqual(tokens.refreshToken);
      expect((await subject.http.get('/api/v1/me', { token: first.body.accessToken })).status).toBe(200);
      expect(await auditActions(user.id)).toContain('session.refresh');
    });

    it('revoke the whole family when a used one comes back', async () => {
      const { user, tokens } = await signedIn(subject.http, subject.dataSource);
      const rotated = await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(rotated.status).toBe(200);

      const replay = await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(replay.status).toBe(401);
      // The thief's replay also ends the legitimate holder's newer tokens.
      expect(
        (await subject.http.post('/api/v1/auth/refresh', { refreshToken: rotated.body.refreshToken })).status,
      ).toBe(401);
      expect((await subject.http.get('/api/v1/me', { token: rotated.body.accessToken })).status).toBe(401);
      const reuse = await subject.dataSource
        .getRepository(AuditEvent)
        .findOneByOrFail({ actorId: user.id, action: 'session.refresh', outcome: 'denied' });
      expect(reuse.severity).toBe('high');
    });

    it('revoke the family when a used token comes back after it expired', async () => {
      const { tokens } = await signedIn(subject.http, subject.dataSource);
      const rotated = await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      await subject.dataSource.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE used_at IS NOT NULL`,
      );
      expect((await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
      expect(
        (await subject.http.post('/api/v1/auth/refresh', { refreshToken: rotated.body.refreshToken })).status,
      ).toBe(401);
    });

    it('end with their session: never past SESSION_MAX_HOURS after login', async () => {
      const { user, tokens } = await signedIn(subject.http, subject.dataSource);
      await subject.dataSource.query(
        `UPDATE sessions SET created_at = now() - interval '23 hours 59 minutes' WHERE user_id = $1`,
        [user.id],
      );
      const rotated = await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(rotated.status).toBe(200);
      const [token] = await subject.dataSource.query(
        `SELECT extract(epoch FROM expires_at - s.created_at)::float AS lifetime FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE s.user_id = $1 AND t.used_at IS NULL`,
        [user.id],
      );
      expect(token.lifetime).toBeCloseTo(24 * 3600, 0);
    });

    it('refuses an unknown token', async () => {
      const response = await subject.http.post('/api/v1/auth/refresh', { refreshToken: 'x'.repeat(43) });
      expect(response.status).toBe(401);
      expect(response.body.type).toMatch(/invalid-refresh-token$/);
    });

    it('stop working for a deactivated user', async () => {
      const { user, tokens } = await signedIn(subject.http, subject.dataSource);
      await subject.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      expect((await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
    });
  });

  describe('logout', () => {
    it('revokes the refresh token and stops the access token at once', async () => {
      const { user, tokens } = await signedIn(subject.http, subject.dataSource);
      const response = await subject.http.post('/api/v1/auth/logout', undefined, { token: tokens.accessToken });
      expect(response.status).toBe(204);
      expect((await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
      expect((await subject.http.get('/api/v1/me', { token: tokens.accessToken })).status).toBe(401);
      expect(await auditActions(user.id)).toContain('session.end');
    });
  });

  describe('access tokens that must be refused', () => {
    let claims: Record<string, unknown>;
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      const { token } = await signedIn(subject.http, subject.dataSource);
      claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    });

    it('accepts a well-formed forged-by-us token (the control for the cases below)', async () => {
      const token = forgeToken({ alg: 'HS256', typ: 'JWT' }, claims);
      expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
    });

    it.each([
      [
        'a bad signature',
        () => forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, 'another secret of enough length 1234567'),
      ],
      ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
      ['the wrong issuer', () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, iss: 'someone-else' })],
      ['the wrong audience', () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'another-api' })],
      [
        'an expiry in the past',
        () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now() - 2000, exp: now() - 60 }),
      ],
      [
        'an unknown session',
        () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, sid: '00000000-0000-4000-8000-000000000000' }),
      ],
      ['garbage', () => 'not.a.token'],
      ['no expiry', () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: undefined })],
      ['no issue time', () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: undefined })],
      [
        'neither expiry nor issue time',
        () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: undefined, exp: undefined }),
      ],
      [
        'an expiry that is not a number',
        () => forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: `${now() + 600}` }),
      ],
    ])('refuses %s with 401', async (_, makeToken) => {
      const response = await subject.http.get('/api/v1/me', { token: makeToken() });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it('refuses a token without an expiry at the queue dashboard too', async () => {
      const admin = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
      const adminClaims = JSON.parse(Buffer.from(admin.token.split('.')[1], 'base64url').toString());
      const endless = forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...adminClaims, exp: undefined });
      expect((await subject.http.get('/admin/queues/api/queues', { token: admin.token })).status).toBe(200);
      expect((await subject.http.get('/admin/queues/api/queues', { token: endless })).status).toBe(401);
    });

    it("stops a deactivated user's token at once", async () => {
      const { user, token } = await signedIn(subject.http, subject.dataSource);
      expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
      await subject.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      expect((await subject.http.get('/api/v1/me', { token })).status).toBe(401);
    });
  });

  describe('TOTP second factor', () => {
    /** The code for the time step `offset` steps from now (the server accepts one step of drift). */
    const code = (secret: string, offset = 0) => {
      const totp = authenticator.clone({ epoch: Date.now() + offset * 30_000 });
      return totp.generate(secret);
    };

    async function enrolled() {
      const { user, token } = await signedIn(subject.http, subject.dataSource);
      const enrolment = await subject.http.post('/api/v1/auth/totp/enrol', undefined, { token });
      expect(enrolment.status).toBe(200);
      expect(enrolment.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Samvirke:.+secret=/);
      const secret: string = enrolment.body.secret;
      const confirm = await subject.http.post('/api/v1/auth/totp/confirm', { code: code(secret, -1) }, { token });
      expect(confirm.status).toBe(204);
      return { user, token, secret };
    }

    it('keeps the secret encrypted at rest', async () => {
      const { user, secret } = await enrolled();
      const [row] = await subject.dataSource.query('SELECT totp_secret_encrypted FROM users WHERE id = $1', [user.id]);
      expect(row.totp_secret_encrypted).toBeTruthy();
      expect(row.totp_secret_encrypted).not.toContain(secret);
    });

    it('is then required at login, and a code works only once', async () => {
      const { user, secret } = await enrolled();
      const without = await subject.http.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(without.status).toBe(401);
      expect(without.body.type).toMatch(/totp-required$/);

      const current = code(secret);
      expect(
        (await subject.http.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: current }))
          .status,
      ).toBe(200);
      const replay = await subject.http.post('/api/v1/auth/login', {
        email: user.email,
        password: TEST_PASSWORD,
        totp: current,
      });
      expect(replay.status).toBe(401);
      expect(replay.body.type).toMatch(/invalid-totp$/);
      const me = await subject.http.get('/api/v1/me', {
        token: (await login(subject.http, user.email, TEST_PASSWORD, code(secret, 1))).accessToken,
      });
      expect(me.body.mfaEnabled).toBe(true);
    });

    it('lets only one of two logins racing with the same code through', async () => {
      const { user, secret } = await enrolled();
      const current = code(secret);
      const answers = await Promise.all(
        [1, 2].map(() =>
          subject.http.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: current }),
        ),
      );
      expect(answers.map((response) => response.status).sort()).toEqual([200, 401]);
    });

    it('refuses a wrong code at confirmation', async () => {
      const { token } = await signedIn(subject.http, subject.dataSource);
      await subject.http.post('/api/v1/auth/totp/enrol', undefined, { token });
      const response = await subject.http.post('/api/v1/auth/totp/confirm', { code: '000000' }, { token });
      expect(response.status).toBe(401);
    });

    it('can be disabled with a fresh code, after which the password alone works again', async () => {
      const { user, token, secret } = await enrolled();
      expect((await subject.http.post('/api/v1/auth/totp/disable', { code: '123' }, { token })).status).toBe(400);
      expect((await subject.http.post('/api/v1/auth/totp/disable', { code: code(secret) }, { token })).status).toBe(
        204,
      );
      expect(
        (await subject.http.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).status,
      ).toBe(200);
      expect(await auditActions(user.id)).toEqual(
        expect.arrayContaining([
          'user.enrol_second_factor',
          'user.confirm_second_factor',
          'user.disable_second_factor',
        ]),
      );
    });

    it('cannot be enrolled twice', async () => {
      const { token } = await enrolled();
      expect((await subject.http.post('/api/v1/auth/totp/enrol', undefined, { token })).status).toBe(409);
    });
  });

  // Last: it moves the application's clock, which every later session would start from.
  describe('time', () => {
    it('starts a session at the application’s time, which its end is judged by', async () => {
      const twoDays = 48 * 3600_000;
      subject.app.get(Clock).advance(twoDays);
      const { user, tokens } = await signedIn(subject.http, subject.dataSource);
      const [session] = await subject.dataSource.query(
        `SELECT extract(epoch FROM created_at - now())::float AS ahead FROM sessions WHERE user_id = $1`,
        [user.id],
      );
      expect(session.ahead).toBeGreaterThan(twoDays / 1000 - 60);
      // Had it started at the database's time it would be two days past SESSION_MAX_HOURS already.
      expect((await subject.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(200);
    });
  });
});
