import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../src/worker.module';

/** The worker's module tree in this process, on the environment the test app set (same database, same prefix). */
export async function startTestWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  Object.assign(process.env, env);
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: false });
  await worker.init();
  return worker;
}
