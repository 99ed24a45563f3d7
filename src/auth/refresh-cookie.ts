import { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenActionError } from '../http/domain-errors';

/** The refresh token's cookie: the web app's only copy of it, out of reach of its scripts. */
export const REFRESH_COOKIE = 'samvirke_refresh';
/** The auth routes, and only they, receive the cookie. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/**
 * A header no form or link can send across sites: refresh and logout by cookie require it, so a page
 * elsewhere cannot make a browser use its cookie (besides SameSite=Strict).
 */
export const CSRF_HEADER = 'x-samvirke-csrf';

export class CsrfHeaderRequiredError extends ForbiddenActionError {
  override readonly code = 'csrf-header-required';
  constructor() {
    super(`A request that relies on the session cookie must send the header X-Samvirke-CSRF: 1`);
  }
}

/** Plain http is allowed only on the machine itself, where a browser treats localhost as secure anyway. */
function isPlainLocalhost(request: FastifyRequest): boolean {
  if (request.protocol !== 'http') return false;
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

function attributes(request: FastifyRequest): string {
  return `Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict${isPlainLocalhost(request) ? '' : '; Secure'}`;
}

/** Sets (or, on rotation, replaces) the refresh cookie; it lasts as long as the browser session. */
export function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, refreshToken: string): void {
  void reply.header('set-cookie', `${REFRESH_COOKIE}=${encodeURIComponent(refreshToken)}; ${attributes(request)}`);
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header(
    'set-cookie',
    `${REFRESH_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(request)}`,
  );
}

/** The refresh token the browser sent as a cookie, if any. */
export function refreshTokenFromCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return value ? decodeURIComponent(value) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether the request carries the app's CSRF header (the web app sends it on every auth call). */
export function hasCsrfHeader(request: FastifyRequest): boolean {
  return request.headers[CSRF_HEADER] === '1';
}

/** A request that leans on the cookie must prove it comes from the app's own scripts. */
export function requireCsrfHeader(request: FastifyRequest): void {
  if (!hasCsrfHeader(request)) throw new CsrfHeaderRequiredError();
}
