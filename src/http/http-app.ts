import { Readable } from 'node:stream';
import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.service';
import { InvalidInputError } from './domain-errors';
import { problemForStatus } from './framework-errors';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './json-depth';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { createValidationPipe } from './validation.pipe';

/** Everything HTTP-wide: security headers, CORS, caching, request ids and validation. */
export async function configureHttp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  await app.register(helmet, {
    // Swagger UI needs its inline script and styles; everything else keeps the strict defaults.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  const origins = config.get('CORS_ORIGINS');
  app.enableCors({
    origin: origins.length > 0 ? origins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', stampAnswer);
  fastify.addHook('preValidation', refuseDeepNesting);
  fastify.addHook('onSend', errorsAsProblemDocuments);
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify takes a hook that returns a promise or one that calls done
async function stampAnswer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // Fastify made the id (see requestIdFor); pino logs it and the caller gets it back.
  void reply.header('x-request-id', request.id);
  // Answers carry people's data: no browser or proxy may keep a copy. A route may still say otherwise.
  void reply.header('cache-control', 'no-store');
}

/** Before validation, whose recursion a body nested thousands deep would overflow. */
// eslint-disable-next-line @typescript-eslint/require-await -- Fastify takes a hook that returns a promise or one that calls done
async function refuseDeepNesting(request: FastifyRequest): Promise<void> {
  if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
    throw new InvalidInputError(`The request body is nested more than ${MAX_BODY_DEPTH} levels deep`, [
      { field: 'body', message: `nested more than ${MAX_BODY_DEPTH} levels deep` },
    ]);
  }
}

/** An error a plugin answered in its own format (the queue dashboard, static files) is sent as a problem document too. */
// eslint-disable-next-line @typescript-eslint/require-await -- Fastify takes a hook that returns a promise or one that calls done
async function errorsAsProblemDocuments(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const type = reply.getHeader('content-type');
  if (reply.statusCode < 400 || (typeof type === 'string' && type.startsWith(PROBLEM_CONTENT_TYPE))) return payload;
  if (payload instanceof Readable) payload.destroy();
  void reply.header('content-type', PROBLEM_CONTENT_TYPE);
  return JSON.stringify(problemForStatus(reply.statusCode, request));
}
