import { lingeringTimers } from '../support/lingering-timers';
import { startTestApp, TestApp } from '../support/test-app';

describe('health', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.close());

  it('is live without any dependency check', async () => {
    const response = await subject.http.get('/health/live');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('is ready when PostgreSQL and Redis answer', async () => {
    const response = await subject.http.get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });
});

describe('health with Redis gone', () => {
  let subject: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    subject = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => subject.close());

  it('answers 503 with a problem document naming Redis', async () => {
    const response = await subject.http.get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.checks.redis.status).toBe('down');
    expect(response.body.checks.database.status).toBe('up');
  });

  it('still serves requests: rate limiting lets them through rather than failing', async () => {
    const response = await subject.http.post('/api/v1/auth/login', {
      email: 'nobody@example.org',
      password: 'wrong password',
    });
    expect(response.status).toBe(401);
  });
});

describe('health with PostgreSQL gone', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.dataSource.initialize();
    await subject.close();
  });

  it('answers 503 with a problem document naming the database', async () => {
    // Closing the app's pool is what the app sees when PostgreSQL goes away.
    await subject.dataSource.destroy();
    const response = await subject.http.get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body.checks.database.status).toBe('down');
    expect(response.body.checks.redis.status).toBe('up');
  });
});

describe('shutting down with Redis gone', () => {
  it('lets go of every connection within moments, so nothing keeps the process alive', async () => {
    const subject = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    // ioredis alone waits 2 s for each queue's connection that never opened.
    expect(await lingeringTimers(() => subject.close())).toBe(0);
  });
});
