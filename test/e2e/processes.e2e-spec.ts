import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { freePort } from '../../src/local/local-services';
import { createAgency, createDistrict, createUser, TEST_PASSWORD } from '../support/factories';
import { Http } from '../support/http';
import { runEntryPoint } from '../support/processes';
import { REDIS_URL } from '../support/services';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRedisPrefix } from '../support/test-redis';

describe('the service as processes', () => {
  let database: TestDatabase;
  const redis = testRedisPrefix();
  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await redis.clear();
    await database.drop();
  });

  it('refuses to start with a missing variable, naming it, without a stack trace', async () => {
    const api = runEntryPoint('src/main.ts', { ...env(), JWT_SECRET: undefined, PORT: '0' });
    const { code } = await api.exited();
    expect(code).toBe(1);
    expect(api.output()).toMatch(/JWT_SECRET: .*at least 32 characters/);
    expect(api.output()).not.toMatch(/\n\s+at /);
  });

  it('runs the worker: it connects, reports ready, and stops cleanly on SIGTERM', async () => {
    const worker = runEntryPoint('src/worker.ts', env());
    await worker.waitFor(/"msg":"worker ready"/);
    worker.child.kill('SIGTERM');
    const { code } = await worker.exited();
    expect(code).toBe(0);
    expect(worker.output()).toMatch(/"msg":"worker stopped"/);
  });

  it('logs structured lines with a request id, and never a password, token, e-mail address or name', async () => {
    const dataSource = await new DataSource(typeormOptions(database.url)).initialize();
    const admin = await createUser(dataSource, {
      roles: ['admin'],
      email: 'admin.logcheck@example.org',
      name: 'Agnes Logcheck',
    });
    const district = await createDistrict(dataSource);
    const teacher = await createUser(dataSource, {
      roles: ['reporter'],
      agency: await createAgency(dataSource, { kind: 'school' }),
    });
    const coordinator = await createUser(dataSource, { roles: ['coordinator'], districts: [district] });
    await dataSource.destroy();
    const port = await freePort();
    const api = runEntryPoint('src/main.ts', { ...env(), PORT: String(port), HOST: '127.0.0.1' });
    try {
      await api.waitFor(/successfully started/);
      const http = new Http(`http://127.0.0.1:${port}`);
      await http.post('/api/v1/auth/login', { email: admin.email, password: 'a wrong password' });
      const { body: tokens } = await http.post('/api/v1/auth/login', { email: admin.email, password: TEST_PASSWORD });
      await http.post(
        '/api/v1/users',
        {
          email: 'new.person@example.org',
          name: 'Ingrid Newperson',
          password: 'another secret pass',
          agencyId: admin.agencyId,
          roles: ['reporter'],
        },
        { token: tokens.accessToken },
      );
      await http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      await http.get('/api/v1/me?search=Ingrid', { token: tokens.accessToken });
      const teacherToken = (await http.post('/api/v1/auth/login', { email: teacher.email, password: TEST_PASSWORD }))
        .body.accessToken;
      const concern = await http.post(
        '/api/v1/concerns',
        {
          subject: { fullName: 'Halvard Secretname', dateOfBirth: '2012-12-12', districtId: district.id },
          category: 'hate_crime',
          narrative: 'Narrative-that-must-never-be-logged',
          source: 'family',
          riskLevel: 'immediate_danger',
          classification: 'agency_restricted',
        },
        { token: teacherToken },
      );
      expect(concern.status).toBe(201);
      const coordinatorToken = (
        await http.post('/api/v1/auth/login', { email: coordinator.email, password: TEST_PASSWORD })
      ).body.accessToken;
      await http.get(`/api/v1/concerns/${concern.body.id}`, { token: coordinatorToken });
      await http.patch(
        `/api/v1/concerns/${concern.body.id}`,
        { narrative: 'Second-secret-narrative', version: 99 },
        { token: teacherToken },
      );
      await api.waitFor(/"path":"\/api\/v1\/me"/);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited();
    }

    const lines = api.output().split('\n').filter(Boolean);
    const requestLines = lines.map((line) => JSON.parse(line)).filter((entry) => entry.req);
    expect(requestLines.length).toBeGreaterThanOrEqual(5);
    for (const entry of requestLines) expect(entry.reqId).toEqual(entry.req.id);
    const everything = api.output();
    for (const secret of [
      TEST_PASSWORD,
      'a wrong password',
      'another secret pass',
      admin.email,
      'new.person@example.org',
      'Agnes',
      'Ingrid',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
  });
});
