import createClient from 'openapi-fetch';
import type { components, paths } from './api-types';

export type Schemas = components['schemas'];
export type Me = Schemas['MeDto'];

/** An RFC 9457 problem document, as every error of the API is. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** The API answered with an error. `code` is the last part of the problem's type (`totp-required`). */
export class ApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail || problem.title);
    this.code = problem.type.split('/').pop() ?? '';
  }
}

/** The API could not be reached at all. */
export class NetworkError extends Error {}

/** The header that tells the API the caller is this app: refresh tokens stay in the HttpOnly cookie. */
export const CSRF_HEADERS = { 'X-Samvirke-CSRF': '1' } as const;

// The access token lives here, in memory only: never in any browser storage.
let accessToken: string | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** What the session does around each request: renew a token about to run out, end a session the API no longer knows. */
export interface SessionHooks {
  beforeRequest: () => Promise<void>;
  unauthorized: () => void;
}

let hooks: SessionHooks | null = null;

export function setSessionHooks(next: SessionHooks | null): void {
  hooks = next;
}

/** 401s that refuse what was typed (a code, a password), not the session. */
const CREDENTIAL_REFUSALS = new Set(['invalid-totp', 'totp-required', 'invalid-credentials']);

/** The routes that make or end sessions: they run without an access token of their own. */
const SESSION_ROUTES = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']);

export const api = createClient<paths>({ baseUrl: '' });

api.use({
  async onRequest({ request }) {
    const sessionRoute = SESSION_ROUTES.has(new URL(request.url).pathname);
    // After a laptop slept past the token's end, say: renewed (or the session ended) before the request goes.
    if (!sessionRoute && hooks) await hooks.beforeRequest();
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    for (const [name, value] of Object.entries(CSRF_HEADERS)) request.headers.set(name, value);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !accessToken || SESSION_ROUTES.has(new URL(request.url).pathname)) return undefined;
    // A wrong code for the second factor is the person's mistake, not the end of their session.
    const problem = (await response
      .clone()
      .json()
      .catch(() => null)) as Partial<Problem> | null;
    const code = problem?.type?.split('/').pop();
    if (!code || !CREDENTIAL_REFUSALS.has(code)) hooks?.unauthorized();
    return undefined;
  },
});

function asProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'type' in body && 'detail' in body) return body as Problem;
  return { type: 'about:blank', title: 'Error', status, detail: '' };
}

/**
 * Runs an openapi-fetch call and answers its data, or throws an ApiError (the problem document) or a
 * NetworkError (no answer at all), so a screen has one way to show what went wrong.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      asProblem(response.status, error),
      Number.isFinite(retryAfter) ? retryAfter : null,
    );
  }
  return data as T;
}
