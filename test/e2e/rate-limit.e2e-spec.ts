import { startTestApp, TestApp } from '../support/test-app';

describe('rate limiting', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ THROTTLE_AUTH_LIMIT: '3', THROTTLE_LIMIT: '6' });
  });
  afterAll(() => subject.close());

  it('is stricter on /auth, and answers a problem document', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await subject.http.post('/api/v1/auth/refresh', { refreshToken: 'r'.repeat(43) })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await subject.http.post('/api/v1/auth/refresh', { refreshToken: 'r'.repeat(43) });
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.body.type).toMatch(/too-many-requests$/);
  });

  it('applies the general limit elsewhere', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await subject.http.get('/health/live')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('keeps its counters in Redis under this deployment prefix', async () => {
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`{${subject.redisPrefix}:throttle:*`);
    redis.disconnect();
    expect(keys.length).toBeGreaterThan(0);
  });
});

describe('rate limiting while Redis cannot be reached', () => {
  let subject: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command of this app fails at once.
    subject = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', THROTTLE_AUTH_LIMIT: '3', THROTTLE_LIMIT: '6' });
  });
  afterAll(() => subject.close());

  it('still limits logins, counting in the process instead of switching off', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await subject.http.post('/api/v1/auth/login', {
        email: `sprayed${attempt}@nowhere.example`,
        password: 'Summer2025!',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('still applies the general limit elsewhere', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await subject.http.get('/health/live')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
