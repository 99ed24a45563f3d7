/**
 * The benchmark's reference: a plain node:http server with a pg Pool (of the API's size) that answers the
 * routes the benchmark drives with the same access rules, the same audit events (hashed by the same code, in
 * the same transaction) and the same answer fields as the API, written as the best hand-made SQL we know.
 * It tells what this machine can do for this query shape; `npm run bench:api` starts it beside the API.
 *
 * Environment: PORT, DATABASE_URL, JWT_SECRET (JWT_ISSUER, JWT_AUDIENCE as the API's defaults),
 * DATABASE_POOL_SIZE (10), REFERENCE_PROCESSES (1: more run under node:cluster, a pool each).
 *
 * Not implemented (the benchmark does not use them; each answers 400 or 501): filters on the lists, a concern
 * about an existing subject or at immediate danger (the alarm), freezing an agenda whose meeting has started,
 * the second factor (MFA_ENFORCED), rate limits.
 */
import 'reflect-metadata';
import cluster from 'node:cluster';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool, PoolClient, types } from 'pg';
import { requestIdFor } from '../src/logging/logging.module';
import { SignIn, standing } from './reference/actor';
import { readAgenda, mayReadMeetings } from './reference/agenda';
import { searchAuditTrail } from './reference/audit-search';
import { createConcern, listConcerns, mayReadConcerns, readConcern } from './reference/concerns';
import { forbidden, isUuid, jsonBody, notFound, pageAsked, Refusal, sendJson, sendProblem } from './reference/http';
import { mayReadReferrals, referralBoard } from './reference/referrals';

// Dates as the API's entities hold them: YYYY-MM-DD text.
types.setTypeParser(types.builtins.DATE, (value) => value);

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** node-postgres' own words when the pool cannot give a connection in time or the server is gone. */
const unavailable = (error: unknown) =>
  error instanceof Error &&
  (/timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED/.test(error.message) ||
    ['57014', '53300', '57P01'].includes((error as { code?: string }).code ?? ''));

function serve(): void {
  const pool = new Pool({
    connectionString: env('DATABASE_URL'),
    max: Number(env('DATABASE_POOL_SIZE', '10')),
    connectionTimeoutMillis: 10_000,
    application_name: 'samvirke-reference',
    // As the API's connections: its queries are a few milliseconds, JIT would only cost.
    options: '-c jit=off',
  });
  const signIn = new SignIn(pool, {
    secret: env('JWT_SECRET'),
    issuer: env('JWT_ISSUER', 'samvirke'),
    audience: env('JWT_AUDIENCE', 'samvirke-api'),
  });

  async function answer(request: IncomingMessage, requestId: string): Promise<{ status: number; body: unknown }> {
    const url = new URL(request.url ?? '/', 'http://reference');
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /health/live') return { status: 200, body: { status: 'ok' } };
    const now = new Date();
    const actor = await signIn.actor(request.headers.authorization, now);
    const who = standing(actor);
    const allow = (allowed: boolean) => {
      if (!allowed) throw forbidden();
    };
    if (route === 'GET /api/v1/concerns') {
      allow(mayReadConcerns(who));
      const page = pageAsked(url.searchParams, 'time');
      return {
        status: 200,
        body: await inTransaction(pool, (db) => listConcerns(db, who, actor, page, now, requestId)),
      };
    }
    if (route === 'POST /api/v1/concerns') {
      allow(who.author);
      const body = await jsonBody(request);
      return {
        status: 201,
        body: await inTransaction(pool, (db) => createConcern(db, who, actor, body, now, requestId)),
      };
    }
    const concern = /^\/api\/v1\/concerns\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && concern) {
      allow(mayReadConcerns(who));
      const id = concern[1];
      if (!isUuid(id)) throw new Refusal(400, 'invalid-input', 'Validation failed (uuid is expected)');
      const found = await inTransaction(pool, (db) => readConcern(db, who, actor, id, now, requestId));
      if (!found) throw notFound('concern');
      return { status: 200, body: found };
    }
    if (route === 'GET /api/v1/referrals') {
      allow(mayReadReferrals(who));
      const page = pageAsked(url.searchParams, 'date');
      return {
        status: 200,
        body: await inTransaction(pool, (db) => referralBoard(db, who, actor, page, now, requestId)),
      };
    }
    const agenda = /^\/api\/v1\/meetings\/([^/]+)\/agenda$/.exec(url.pathname);
    if (request.method === 'GET' && agenda) {
      allow(mayReadMeetings(who));
      const id = agenda[1];
      if (!isUuid(id)) throw new Refusal(400, 'invalid-input', 'id must be a UUID');
      const found = await inTransaction(pool, (db) => readAgenda(db, who, actor, id, now, requestId));
      if (!found) throw notFound('meeting');
      return { status: 200, body: found };
    }
    if (route === 'GET /api/v1/audit/events') {
      allow(actor.roles.includes('auditor'));
      return { status: 200, body: await searchAuditTrail(pool, actor, url.searchParams, now, requestId) };
    }
    throw new Refusal(404, 'not-found', 'The reference server does not implement this route');
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const requestId = requestIdFor(request);
    answer(request, requestId).then(
      ({ status, body }) => sendJson(response, status, body, requestId),
      (error: unknown) => {
        if (error instanceof Refusal) return sendProblem(response, error.status, error.code, error.message, requestId);
        if (unavailable(error)) {
          return sendProblem(response, 503, 'unavailable', 'The database did not answer in time', requestId, {
            'retry-after': '1',
          });
        }
        // A client that hung up mid-request (the load generator at the end of a run) is no failure of ours.
        if (error instanceof Error && error.message === 'aborted') return;
        process.stderr.write(`${requestId} ${error instanceof Error ? error.stack : String(error)}\n`);
        return sendProblem(response, 500, 'internal', 'Something went wrong on our side', requestId);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(env('PORT')), env('HOST', '127.0.0.1'));
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const processes = Number(process.env.REFERENCE_PROCESSES ?? 1);
if (processes > 1 && cluster.isPrimary) {
  for (let index = 0; index < processes; index++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  serve();
}
