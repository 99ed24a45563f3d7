/**
 * The API serves the built web app at /: hashed assets cached for a year, index.html never, the
 * app's deep links answered with index.html, a strict CSP; /api and /health stay the API's (an
 * unknown one is a 404 problem document, never the app). Without a build the API still starts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_APP_CSP } from '../../src/http/web-app';
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head></html>';

describe('the web app, served by the API', () => {
  let app: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'samvirke-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log("app");');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await startTestApp({ WEB_APP_DIR: dist });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers / with index.html, never cached, under the strict CSP', async () => {
    const response = await app.http.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(WEB_APP_CSP);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('answers a deep link of the app with index.html, so a reload works', async () => {
    const response = await app.http.get('/concerns/7c6c3f4e-1111-4a4a-8888-000000000000?tab=timeline');
    expect(response.status).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves hashed assets cached for a year', async () => {
    const response = await app.http.get('/assets/index-AbC123.js');
    expect(response.status).toBe(200);
    expect(response.body).toBe('console.log("app");');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers an unknown asset with a 404 that is not cached for good', async () => {
    const response = await app.http.get('/assets/index-Gone99.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).not.toMatch(/immutable/);
  });

  it('keeps /api and /health the API’s: an unknown API path is a 404 problem, not the app', async () => {
    for (const path of ['/api/v1/nothing-here', '/api', '/health/nothing', '/api/v1/users%2F..%2Fnothing']) {
      const response = await app.http.get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('leaves the router’s own refusals alone: a path segment longer than any id is still a 414', async () => {
    const response = await app.http.get(`/api/v1/concerns/${'a'.repeat(600)}`);
    expect(response.status).toBe(414);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('answers only GET and HEAD with the app: another method on an app path is a 404 problem', async () => {
    const response = await app.http.post('/concerns', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('keeps API answers no-store', async () => {
    const { token } = await signedIn(app.http, app.dataSource);
    const me = await app.http.get('/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('does not serve files outside the build', async () => {
    const response = await app.http.get('/%2e%2e/%2e%2e/package.json');
    expect(response.body).not.toMatch(/"name"/);
  });
});

describe('the API without a built web app', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ WEB_APP_DIR: join(tmpdir(), 'samvirke-no-such-build') });
  });
  afterAll(() => app.close());

  it('starts, answers its routes and a 404 problem at /', async () => {
    expect((await app.http.get('/health/live')).status).toBe(200);
    const root = await app.http.get('/');
    expect(root.status).toBe(404);
    expect(root.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
