import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { WorkerReadiness } from './queue/worker-readiness';

/** The worker process: the same configuration, database and queues as the API, and no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(), LoggingModule, DatabaseModule, RedisModule, QueueModule],
      providers: [WorkerReadiness],
    };
  }
}
