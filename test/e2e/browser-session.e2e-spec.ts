/**
 * Sessions in a browser: the refresh token travels as an HttpOnly, SameSite=Strict cookie scoped
 * to the auth routes (Secure except on plain-http localhost), rotates on refresh, needs the CSRF
 * header when the cookie is what authenticates, and is cleared on logout. API clients that send
 * the token in the body keep working as before. Also: the language on the profile.
 */
import { request as httpRequest } from 'node:http';
import { createUser, signedIn, TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const CSRF = { 'x-samvirke-csrf': '1' };

interface Cookie {
  name: string;
  value: string;
  attributes: string[];
}

function parseSetCookie(header: string | null): Cookie {
  if (!header) throw new Error('no Set-Cookie');
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const [name, ...value] = (pair ?? '').split('=');
  return { name: name ?? '', value: decodeURIComponent(value.join('=')), attributes };
}

/** A request with a chosen Host header, which fetch does not let a caller set. */
function postWithHost(port: number, path: string, host: string, body: unknown) {
  return new Promise<{ status: number; setCookie: string[] }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, setCookie: response.headers['set-cookie'] ?? [] }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('sessions in a browser', () => {
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    app = await startTestApp();
    port = Number(new URL(app.http.baseUrl).port);
  });
  afterAll(() => app.close());

  async function browserLogin() {
    const user = await createUser(app.dataSource);
    const response = await app.http.post(
      '/api/v1/auth/login',
      { email: user.email, password: TEST_PASSWORD },
      { headers: CSRF },
    );
    expect(response.status).toBe(200);
    return { user, response, cookie: parseSetCookie(response.headers.get('set-cookie')) };
  }

  it('login sets the refresh token as an HttpOnly, SameSite=Strict cookie on the auth path, and keeps it out of the body', async () => {
    const { response, cookie } = await browserLogin();
    expect(cookie.name).toBe('samvirke_refresh');
    expect(cookie.value.length).toBeGreaterThan(20);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Path=/api/v1/auth', 'HttpOnly', 'SameSite=Strict']));
    // Plain http to 127.0.0.1: a browser would drop a Secure cookie here.
    expect(cookie.attributes).not.toContain('Secure');
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(response.body).not.toHaveProperty('refreshToken');
  });

  it('marks the cookie Secure for any host but localhost', async () => {
    const user = await createUser(app.dataSource);
    const credentials = { email: user.email, password: TEST_PASSWORD };
    const remote = await postWithHost(port, '/api/v1/auth/login', 'samvirke.example.org', credentials);
    expect(remote.status).toBe(200);
    expect(remote.setCookie[0]).toMatch(/; Secure/);
    const local = await postWithHost(port, '/api/v1/auth/login', 'localhost:3000', credentials);
    expect(local.status).toBe(200);
    expect(local.setCookie[0]).not.toMatch(/Secure/);
  });

  it('refreshes from the cookie with the CSRF header, rotating the cookie; the old one then fails', async () => {
    const { cookie } = await browserLogin();
    const sent = { cookie: `samvirke_refresh=${encodeURIComponent(cookie.value)}` };
    const refreshed = await app.http.post('/api/v1/auth/refresh', {}, { headers: { ...sent, ...CSRF } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    const rotated = parseSetCookie(refreshed.headers.get('set-cookie'));
    expect(rotated.name).toBe('samvirke_refresh');
    expect(rotated.value).not.toBe(cookie.value);
    expect(rotated.attributes).toEqual(expect.arrayContaining(['Path=/api/v1/auth', 'HttpOnly', 'SameSite=Strict']));

    const again = await app.http.post('/api/v1/auth/refresh', {}, { headers: { ...sent, ...CSRF } });
    expect(again.status).toBe(401);
    // Reuse of a rotated token revokes the session: the new cookie is dead too.
    const next = { cookie: `samvirke_refresh=${encodeURIComponent(rotated.value)}`, ...CSRF };
    expect((await app.http.post('/api/v1/auth/refresh', {}, { headers: next })).status).toBe(401);
  });

  it('refuses a refresh by cookie without the CSRF header with a 403 problem, and leaves the token usable', async () => {
    const { cookie } = await browserLogin();
    const sent = { cookie: `samvirke_refresh=${encodeURIComponent(cookie.value)}` };
    const refused = await app.http.post('/api/v1/auth/refresh', {}, { headers: sent });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.type).toMatch(/csrf-header-required$/);
    expect((await app.http.post('/api/v1/auth/refresh', {}, { headers: { ...sent, ...CSRF } })).status).toBe(200);
  });

  it('answers 401 to a refresh with neither a body token nor a cookie', async () => {
    expect((await app.http.post('/api/v1/auth/refresh', {}, { headers: CSRF })).status).toBe(401);
  });

  it('logout with the cookie needs the CSRF header, then revokes the session and clears the cookie', async () => {
    const { response, cookie } = await browserLogin();
    const token = response.body.accessToken as string;
    const sent = { cookie: `samvirke_refresh=${encodeURIComponent(cookie.value)}` };
    const refused = await app.http.post('/api/v1/auth/logout', undefined, { token, headers: sent });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/csrf-header-required$/);

    const out = await app.http.post('/api/v1/auth/logout', undefined, { token, headers: { ...sent, ...CSRF } });
    expect(out.status).toBe(204);
    const cleared = parseSetCookie(out.headers.get('set-cookie'));
    expect(cleared.name).toBe('samvirke_refresh');
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/api/v1/auth', 'HttpOnly']));
    expect((await app.http.post('/api/v1/auth/refresh', {}, { headers: { ...sent, ...CSRF } })).status).toBe(401);
  });

  it('keeps the body-token flow for API clients: the refresh token in the body, no CSRF header needed', async () => {
    const { tokens } = await signedIn(app.http, app.dataSource);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    const refreshed = await app.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(refreshed.body.refreshToken).not.toBe(tokens.refreshToken);
    const out = await app.http.post('/api/v1/auth/logout', undefined, { token: refreshed.body.accessToken });
    expect(out.status).toBe(204);
  });
});

describe('the language on the profile', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('is bokmål until the user picks another, and then follows them', async () => {
    const { token } = await signedIn(app.http, app.dataSource);
    expect((await app.http.get('/api/v1/me', { token })).body.locale).toBe('nb');
    const changed = await app.http.patch('/api/v1/me', { locale: 'en' }, { token });
    expect(changed.status).toBe(200);
    expect(changed.body.locale).toBe('en');
    expect((await app.http.get('/api/v1/me', { token })).body.locale).toBe('en');
  });

  it.each(['sv', 'da', 'fi'])('keeps %s, a language of the other Nordic cities', async (locale) => {
    const { token } = await signedIn(app.http, app.dataSource);
    expect((await app.http.patch('/api/v1/me', { locale }, { token })).status).toBe(200);
    expect((await app.http.get('/api/v1/me', { token })).body.locale).toBe(locale);
  });

  it('refuses a language the app does not speak, or a field that is not the user’s to change, with a 400', async () => {
    const { token } = await signedIn(app.http, app.dataSource);
    const unknown = await app.http.patch('/api/v1/me', { locale: 'xx' }, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'locale' })]));
    expect((await app.http.patch('/api/v1/me', { roles: ['admin'] }, { token })).status).toBe(400);
    expect((await app.http.get('/api/v1/me', { token })).body.locale).toBe('nb');
  });

  it('names each of the user’s districts with its time zone, in which the app shows dates', async () => {
    const { token } = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
    const me = await app.http.get('/api/v1/me', { token });
    expect(me.body.districts).toEqual([expect.objectContaining({ timeZone: 'Europe/Oslo' })]);
  });

  it('records the change in the audit trail', async () => {
    const { token, user } = await signedIn(app.http, app.dataSource);
    await app.http.patch('/api/v1/me', { locale: 'en' }, { token });
    const rows: { action: string; outcome: string }[] = await app.dataSource.query(
      `SELECT action, outcome FROM audit_events WHERE actor_id = $1 AND action = 'profile.update'`,
      [user.id],
    );
    expect(rows).toEqual([{ action: 'profile.update', outcome: 'allowed' }]);
  });
});

describe('forced enrolment, as the web app learns of it', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ MFA_ENFORCED: 'true' });
  });
  afterAll(() => app.close());

  it('says on /me that a coordinator without a second factor must enrol, and a reporter need not', async () => {
    const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
    const me = await app.http.get('/api/v1/me', { token: coordinator.token });
    expect(me.status).toBe(200);
    expect(me.body.secondFactorRequired).toBe(true);
    // Everything else is closed to them until they have enrolled and signed in with a code.
    expect((await app.http.get('/api/v1/concerns', { token: coordinator.token })).status).toBe(403);

    const reporter = await signedIn(app.http, app.dataSource, { roles: ['reporter'] });
    expect((await app.http.get('/api/v1/me', { token: reporter.token })).body.secondFactorRequired).toBe(false);
  });
});
