/**
 * The queue dashboard from the web app: a one-time ticket (behind the dashboard's policy and the second
 * factor) becomes a cookie scoped to the dashboard's path, which stands for the admin's sign-in session.
 */
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('queue dashboard tickets', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const open = (path: string, cookie?: string) =>
    fetch(`${app.http.baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

  it('lets the admin in by a ticket, once, then by the cookie, until their session ends', async () => {
    const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    const issued = await app.http.post('/api/v1/queue-dashboard/ticket', undefined, { token: admin.token });
    expect(issued.status).toBe(200);
    expect(issued.body.url).toMatch(/^\/admin\/queues\?ticket=[\w-]{40,}$/);

    // Control: no ticket, no cookie, no entry.
    expect((await open('/admin/queues/api/queues')).status).toBe(401);

    const entry = await open(issued.body.url);
    expect(entry.status).toBe(303);
    expect(entry.headers.get('location')).toBe('/admin/queues');
    const setCookie = entry.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^samvirke_queues=[\w-]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    expect((await open('/admin/queues/api/queues', cookie)).status).toBe(200);

    // A ticket works once; a made-up cookie is nobody's.
    expect((await open(issued.body.url)).status).toBe(401);
    expect((await open('/admin/queues/api/queues', 'samvirke_queues=made-up')).status).toBe(401);

    // Signing out ends the dashboard's session with it.
    const out = await app.http.post(
      '/api/v1/auth/logout',
      { refreshToken: admin.tokens.refreshToken },
      {
        token: admin.token,
      },
    );
    expect(out.status).toBeLessThan(300);
    expect((await open('/admin/queues/api/queues', cookie)).status).toBe(401);

    const events: { action: string; outcome: string }[] = await app.dataSource.query(
      `SELECT action, outcome FROM audit_events WHERE actor_id = $1 AND action = 'queue.manage' ORDER BY occurred_at`,
      [admin.user.id],
    );
    expect(events).toEqual([{ action: 'queue.manage', outcome: 'allowed' }]);
  });

  it('gives no ticket to anyone but an admin', async () => {
    const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
    const refused = await app.http.post('/api/v1/queue-dashboard/ticket', undefined, { token: coordinator.token });
    expect(refused.status).toBe(403);
  });
});

describe('queue dashboard tickets with the second factor enforced', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ MFA_ENFORCED: 'true', MFA_REQUIRED_ROLES: 'admin,coordinator' });
  });
  afterAll(() => app.close());

  it('refuses a ticket to an admin signed in without a second factor', async () => {
    const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    const refused = await app.http.post('/api/v1/queue-dashboard/ticket', undefined, { token: admin.token });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/second-factor|totp|mfa/);
  });
});
