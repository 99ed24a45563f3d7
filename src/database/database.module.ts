import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.service';
import { typeormOptions } from './typeorm-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // The API and the worker: the configured pool, connection wait and statement timeout.
        ...typeormOptions(config.get('DATABASE_URL'), {
          poolSize: config.get('DATABASE_POOL_SIZE'),
          connectTimeoutMs: config.get('DATABASE_CONNECT_TIMEOUT_MS'),
          statementTimeoutMs: config.get('DATABASE_STATEMENT_TIMEOUT_MS'),
        }),
        // Entities come from the glob above so the CLI and the app see the same set.
        autoLoadEntities: false,
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
  ],
})
export class DatabaseModule {}
