import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';
import { exitUnlessConfigured } from './config/environment';

/** Starts the BullMQ worker; on SIGTERM or SIGINT it finishes what it holds, closes its connections and exits 0. */
export async function startWorker(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const logger = new NestLogger('Worker');
  const stop = async (signal: string) => {
    logger.log({ event: 'worker.stopping', signal }, 'worker stopping');
    await app.close();
    logger.log({ event: 'worker.stopped' }, 'worker stopped');
    app.flushLogs();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await app.init();
}

if (require.main === module) {
  exitUnlessConfigured();
  startWorker().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
