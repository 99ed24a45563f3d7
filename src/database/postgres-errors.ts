import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a row for breaking the named unique constraint (or any, if unnamed). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** Deadlock or serialisation failure: a clash with another transaction at the same moment, not a fault. */
export function isConcurrencyFailure(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

/**
 * SQLSTATEs that mean the database could not do the work now, not that the request was wrong:
 * connection exceptions (class 08), too many connections, a server shutting down or starting
 * up, and a cancelled statement. 57014 is statement_timeout's code; it is also what an operator's
 * pg_cancel_backend gives, which is just as retryable, and the message that tells them apart is
 * translated by the server's lc_messages, so the code alone decides.
 */
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57014', '57P01', '57P02', '57P03']);

/** Node's socket errors when PostgreSQL cannot be reached or drops the connection. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * node-postgres raises these as plain Errors without a code: the pool's wait for a free
 * connection ran out (connectionTimeoutMillis), a new connection took too long, or the server
 * went away mid-query.
 */
const UNAVAILABLE_MESSAGES = [/^timeout exceeded when trying to connect$/, /^Connection terminated/, /not queryable/];

/**
 * True when PostgreSQL could not be asked or did not answer in time: a full pool, an unreachable
 * or restarting server, a statement past statement_timeout. The request may well succeed in a
 * moment, so it is a 503, never a 401 (a sign-in that could not be checked is not a bad token)
 * nor a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const causes = error instanceof QueryFailedError ? [error, error.driverError as unknown] : [error];
  return causes.some((cause) => {
    if (!(cause instanceof Error)) return false;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code))) return true;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (cause instanceof AggregateError) return cause.errors.some((inner) => isDatabaseUnavailable(inner));
    return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(cause.message));
  });
}
