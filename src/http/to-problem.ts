import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { isConcurrencyFailure, isDatabaseUnavailable } from '../database/postgres-errors';
import { DomainError } from './domain-errors';
import { Problem, problem } from './problem';

const HTTP_CODES: Record<number, string> = {
  400: 'invalid-input',
  401: 'not-authenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'business-rule',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

/**
 * How long a caller should wait after a 503 before trying again: long enough for a burst to drain
 * from the pool's queue, short enough that a person barely notices one retry.
 */
export const RETRY_AFTER_SECONDS = 2;

/** SQLSTATEs for text the database refuses whatever the column: a safety net behind validation. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const body = error.getResponse();
  if (typeof body === 'object' && body !== null && 'type' in body && 'status' in body) {
    return body as Problem; // already a problem document (validation pipe, health checks)
  }
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : body;
  const detail = Array.isArray(message)
    ? message.map(String).join('; ')
    : typeof message === 'string'
      ? message
      : error.message;
  return problem(status, HTTP_CODES[status] ?? 'error', detail);
}

/**
 * Maps anything thrown while serving a request to a problem document; Nest has already
 * turned Fastify's own 4xx errors (malformed JSON, oversized body) into HttpExceptions.
 * Returns undefined for an unexpected error: the caller logs it and answers a generic 500.
 */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof DomainError) {
    const extras: Record<string, unknown> = { ...error.extensions };
    if ('errors' in error && Array.isArray(error.errors) && error.errors.length > 0) extras.errors = error.errors;
    // Every 503 says when to come back (Retry-After), whichever dependency it was.
    if (error.status === 503 && extras.retryAfterSeconds === undefined) extras.retryAfterSeconds = RETRY_AFTER_SECONDS;
    return problem(error.status, error.code, error.message, extras);
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof QueryFailedError && UNSTORABLE_TEXT.has((error.driverError as { code?: string }).code ?? '')) {
    return problem(400, 'invalid-input', 'The request holds text PostgreSQL cannot store (such as a NUL character)');
  }
  if (isConcurrencyFailure(error)) {
    return problem(
      409,
      'concurrent-change',
      'Someone else changed the same record at the same moment; nothing was saved. Try again.',
    );
  }
  if (isDatabaseUnavailable(error)) {
    // A full pool, an unreachable database or a statement past its timeout: try again, not a fault of the request.
    return problem(503, 'service-unavailable', 'The database did not answer in time; try again in a few seconds.', {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  return undefined;
}

export function internalErrorProblem(): Problem {
  return problem(500, 'internal-error', 'Something went wrong on our side. The request id identifies it in our logs.');
}
