import { IncomingMessage, ServerResponse } from 'node:http';
import { problem } from '../../src/http/problem';

/** A refusal or failure, answered as the API answers it: a problem document with its status. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export const notFound = (resource: string) =>
  new Refusal(404, 'not-found', `No ${resource} with that id exists, or you may not see it`);
export const forbidden = () => new Refusal(403, 'forbidden', 'You may not do this');
export const invalid = (detail: string) => new Refusal(400, 'invalid-input', detail);

export function sendJson(response: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  response.end(text);
}

export function sendProblem(
  response: ServerResponse,
  status: number,
  code: string,
  detail: string,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(problem(status, code, detail, { requestId }));
  response.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** The request's JSON body, at most 1 MiB as the API takes. */
export async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Refusal(413, 'payload-too-large', 'The body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalid('The body is not JSON');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const isIsoTime = (key: string) => !Number.isNaN(Date.parse(key)) && new Date(key).toISOString() === key;
const isIsoDate = (key: string) => /^\d{4}-\d{2}-\d{2}$/.test(key) && isIsoTime(`${key}T00:00:00.000Z`);

/** The page a list query asks for: `limit` (1–200, 50) and the API's keyset cursor (base64url JSON of key and id). */
export interface PageAsked {
  limit: number;
  cursor: { key: string; id: string } | null;
}

export function pageAsked(query: URLSearchParams, keyKind: 'time' | 'date', allowed: string[] = []): PageAsked {
  for (const name of query.keys()) {
    if (name !== 'limit' && name !== 'cursor' && !allowed.includes(name)) {
      throw invalid(`the reference server does not implement the filter ${name}`);
    }
  }
  const limitText = query.get('limit');
  const limit = limitText === null ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit must be an integer from 1 to 200');
  const cursorText = query.get('cursor');
  if (cursorText === null) return { limit, cursor: null };
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(cursorText, 'base64url').toString('utf8'));
  } catch {
    cursor = null;
  }
  const { key, id } = (cursor ?? {}) as { key?: unknown; id?: unknown };
  const keyValid = typeof key === 'string' && (keyKind === 'time' ? isIsoTime(key) : isIsoDate(key));
  if (!keyValid || !isUuid(id)) throw invalid('cursor is not one this service issued');
  return { limit, cursor: { key: key, id } };
}

export const encodeCursor = (key: string, id: string) =>
  Buffer.from(JSON.stringify({ key, id }), 'utf8').toString('base64url');
