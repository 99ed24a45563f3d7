import { DataSource, QueryRunner } from 'typeorm';
import { SIGN_IN_SQL } from '../../src/auth/sign-in';
import { AUDIT_INSERT_SQL } from '../../src/audit/audit-insert';
import { typeormOptions } from '../../src/database/typeorm-options';
import { signedIn } from '../support/factories';
import { HttpResponse } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const STATEMENT_TIMEOUT_MS = 400;

/** A 503 problem document that tells the caller when to come back. */
function expectRetryLater(response: HttpResponse): void {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toMatch(/^[1-5]$/);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 503, type: expect.stringMatching(/service-unavailable$/) });
}

/** A connection of the app's own pool, inside a transaction, until `end` rolls it back. */
async function holdConnection(dataSource: DataSource, ...statements: string[]): Promise<{ end(): Promise<void> }> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  for (const statement of statements) await runner.query(statement);
  return {
    async end() {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

describe('the database under load', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) });
  });
  afterAll(() => subject.close());

  describe("the application's connections", () => {
    it('run without JIT compilation', async () => {
      expect(await subject.dataSource.query('SHOW jit')).toEqual([{ jit: 'off' }]);
    });

    it('carry the configured statement timeout, which migrations and the command-line tools do not', async () => {
      expect(await subject.dataSource.query('SHOW statement_timeout')).toEqual([
        { statement_timeout: `${STATEMENT_TIMEOUT_MS}ms` },
      ]);
      const tool = await new DataSource(typeormOptions(subject.database.url)).initialize();
      try {
        expect(await tool.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '0' }]);
        expect(await tool.query('SHOW jit')).toEqual([{ jit: 'off' }]);
      } finally {
        await tool.destroy();
      }
    });
  });

  describe('signing in a request', () => {
    /** The SQL the app sends while `work` runs. */
    async function queriesDuring(work: () => Promise<unknown>): Promise<string[]> {
      const spy = jest.spyOn(subject.dataSource.logger, 'logQuery');
      try {
        await work();
        return spy.mock.calls.map(([query]) => query.trim());
      } finally {
        spy.mockRestore();
      }
    }

    it('costs one query: user, agency, roles, districts, session and grants together', async () => {
      const admin = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
      // The queue dashboard does nothing in PostgreSQL after signing the caller in.
      const queries = await queriesDuring(async () => {
        expect((await subject.http.get('/admin/queues/api/queues', { token: admin.token })).status).toBe(200);
      });
      expect(queries).toEqual([SIGN_IN_SQL.trim()]);
    });

    it('costs one query on the API routes too (here before the audited refusal)', async () => {
      const coordinator = await signedIn(subject.http, subject.dataSource, { roles: ['coordinator'] });
      const queries = await queriesDuring(async () => {
        expect((await subject.http.get('/api/v1/audit/events', { token: coordinator.token })).status).toBe(403);
      });
      expect(queries[0]).toBe(SIGN_IN_SQL.trim());
      // Then the refusal's own short transaction: its denied event and nothing else.
      expect(queries.slice(1)).toEqual(['START TRANSACTION', AUDIT_INSERT_SQL.trim(), 'COMMIT']);
    });

    it('sees a role change, a lost district and a logout on the very next request', async () => {
      const person = await signedIn(subject.http, subject.dataSource, { roles: ['reporter'] });
      expect((await subject.http.get('/api/v1/users', { token: person.token })).status).toBe(403);
      await subject.dataSource.query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [person.user.id]);
      expect((await subject.http.get('/api/v1/users', { token: person.token })).status).toBe(200);

      const coordinator = await signedIn(subject.http, subject.dataSource, { roles: ['coordinator'] });
      const me = () => subject.http.get('/api/v1/me', { token: coordinator.token });
      expect((await me()).body.districts).toHaveLength(1);
      await subject.dataSource.query('DELETE FROM user_districts WHERE user_id = $1', [coordinator.user.id]);
      expect((await me()).body.districts).toEqual([]);

      expect((await subject.http.post('/api/v1/auth/logout', undefined, { token: coordinator.token })).status).toBe(
        204,
      );
      expect((await me()).status).toBe(401);
    });
  });

  describe('a statement past DATABASE_STATEMENT_TIMEOUT_MS', () => {
    it('answers 503 with Retry-After when the sign-in cannot be checked in time, not 401', async () => {
      const { token } = await signedIn(subject.http, subject.dataSource);
      const lock = await holdConnection(subject.dataSource, 'LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      try {
        expectRetryLater(await subject.http.get('/api/v1/me', { token }));
      } finally {
        await lock.end();
      }
      expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
    });

    it("answers 503 with Retry-After when a route's own query runs out of time, not 500", async () => {
      const { token } = await signedIn(subject.http, subject.dataSource, { roles: ['admin'] });
      const lock = await holdConnection(subject.dataSource, 'LOCK TABLE districts IN ACCESS EXCLUSIVE MODE');
      try {
        expectRetryLater(await subject.http.get('/api/v1/districts', { token }));
      } finally {
        await lock.end();
      }
      expect((await subject.http.get('/api/v1/districts', { token })).status).toBe(200);
    });
  });

  describe('a full pool', () => {
    let tight: TestApp;

    beforeAll(async () => {
      // One connection, and a request waits 200 ms for it.
      tight = await startTestApp(
        { DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '200', DATABASE_STATEMENT_TIMEOUT_MS: undefined },
        { database: subject.database, redisPrefix: subject.redisPrefix },
      );
    });
    afterAll(() => tight.close());

    it('answers 503 with Retry-After while no connection frees up, not 401; then serves again', async () => {
      const { token } = await signedIn(tight.http, tight.dataSource);
      const admin = await signedIn(tight.http, tight.dataSource, { roles: ['admin'] });
      const busy = await holdConnection(tight.dataSource, 'SELECT pg_sleep(0.05)');
      try {
        expectRetryLater(await tight.http.get('/api/v1/me', { token }));
        expectRetryLater(await tight.http.get('/admin/queues/api/queues', { token: admin.token }));
        expect((await tight.http.post('/api/v1/auth/login', { email: admin.user.email, password: 'x' })).status).toBe(
          503,
        );
      } finally {
        await busy.end();
      }
      expect((await tight.http.get('/api/v1/me', { token })).status).toBe(200);
    });
  });
});
