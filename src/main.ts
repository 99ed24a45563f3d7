import 'reflect-metadata';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config.service';
import { answerClientError, answerFrameworkError } from './http/framework-errors';
import { configureHttp } from './http/http-app';
import { serveWebApp } from './http/web-app';
import { requestIdFor } from './logging/logging.module';
import { serveOpenApi } from './openapi/openapi';
import { mountQueueDashboard } from './queue/queue-dashboard';
import { exitUnlessConfigured } from './config/environment';
import { closeOnSignal, superviseApiProcesses } from './cluster';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Assembles the API without listening, for the server and for tests. */
export async function createApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      trustProxy: false,
      genReqId: requestIdFor,
      frameworkErrors: answerFrameworkError,
      clientErrorHandler: answerClientError,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  await configureHttp(app);
  serveOpenApi(app);
  await mountQueueDashboard(app);
  await serveWebApp(app);
  return app;
}

export async function startApi(): Promise<NestFastifyApplication> {
  const app = await createApp();
  const config = app.get(AppConfig);
  await app.listen(config.get('PORT'), config.get('HOST'));
  return app;
}

if (require.main === module) {
  // Before Nest: the primary only forks (src/cluster.ts), so it takes what it needs from the validated environment.
  const { API_PROCESSES, LOG_LEVEL } = exitUnlessConfigured();
  if (API_PROCESSES > 1 && cluster.isPrimary) {
    // The primary forks the API processes (which run this file again) and never opens the database.
    superviseApiProcesses(API_PROCESSES, LOG_LEVEL);
  } else {
    startApi()
      .then((app) => (cluster.isWorker ? closeOnSignal(() => app.close()) : app.enableShutdownHooks()))
      .catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      });
  }
}
