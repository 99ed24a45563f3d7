import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.service';
import { problemFor, sendProblem } from './problem.filter';
import { createValidationPipe } from './validation.pipe';

/** Everything HTTP-wide: security headers, CORS, validation, and problem documents for Fastify's own errors. */
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
  app
    .getHttpAdapter()
    .getInstance()
    .setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(reply, problemFor(error, request));
    });
}
