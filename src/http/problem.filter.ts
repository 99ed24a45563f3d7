import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RefusalAudit } from '../audit/refusal-audit';
import { PROBLEM_CONTENT_TYPE, Problem } from './problem';
import { internalErrorProblem, toProblem } from './to-problem';

const logger = new Logger('Errors');

export function requestIdOf(request: FastifyRequest): string | undefined {
  // The logging middleware puts it on the raw request; before any middleware (a malformed URL) only Fastify has it.
  const id = (request.raw as { id?: unknown }).id ?? request.id;
  return typeof id === 'string' ? id : undefined;
}

/** Builds the answer for any error; shared by the Nest filter and Fastify's own error handler. */
export function problemFor(error: unknown, request: FastifyRequest): Problem {
  const known = toProblem(error);
  const requestId = requestIdOf(request);
  if (!known) {
    const err = error instanceof Error ? error : new Error(String(error));
    // Name, code and call stack only: messages of database errors can quote the values that failed.
    const frames = (err.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n');
    logger.error(
      { requestId, errName: err.name, errCode: (err as { code?: string }).code, stack: frames },
      'unhandled error',
    );
  }
  return { ...(known ?? internalErrorProblem()), instance: request.url.split('?')[0], requestId };
}

export function sendProblem(reply: FastifyReply, body: Problem): void {
  const retryAfter = body.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Answers every error of a Nest route as a problem document. A refusal (403, or 404 of a record)
 * is recorded as a denied event first, after the request's transaction has rolled back; if that
 * record cannot be written the answer is the audit trail's 503, as for every unrecorded access.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly refusals: RefusalAudit) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const answer = await this.refusals.answerFor(error, request);
    sendProblem(http.getResponse<FastifyReply>(), problemFor(answer, request));
  }
}
