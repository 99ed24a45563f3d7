import { STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { HttpException } from '@nestjs/common';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, Problem, problem } from './problem';
import { problemFor, requestIdOf, sendProblem } from './problem.filter';

/**
 * Refusals Fastify makes before a request reaches a route, and so before Nest's error
 * handler: without these it would answer them in its own JSON.
 */
const FRAMEWORK_PROBLEMS: Record<string, () => Problem> = {
  FST_ERR_BAD_URL: () =>
    problem(400, 'invalid-input', 'The URL is malformed: each % must start an escape of valid UTF-8, such as %C3%A5'),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    problem(414, 'uri-too-long', 'A part of the path is longer than any identifier this API uses'),
};

/** Fastify's `frameworkErrors`: a malformed or overlong URL, answered as a problem document. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK_PROBLEMS[error.code]?.();
  const body = known ? { ...known, instance: request.url.split('?')[0], requestId: requestIdOf(request) } : undefined;
  void reply.header('x-request-id', request.id);
  sendProblem(reply, body ?? problemFor(error, request));
}

/**
 * The same answer as a problem document, for an error a plugin answered in its own format
 * (the queue dashboard, static files): its status, a generic detail.
 */
export function problemForStatus(status: number, request: FastifyRequest): Problem {
  return problemFor(new HttpException(STATUS_CODES[status] ?? 'Error', status), request);
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', detail: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers-too-large', detail: 'The request headers are too large' },
};

/**
 * Fastify's `clientErrorHandler`: a request that is not well-formed HTTP never becomes a
 * request object, so the answer is written to the socket by hand, as a problem document.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: 400,
    code: 'invalid-request',
    detail: 'The request is not well-formed HTTP',
  };
  const body = JSON.stringify(problem(known.status, known.code, known.detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
