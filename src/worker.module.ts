import { DynamicModule, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { RequestContextModule } from './access/request-context.module';
import { AuditJobsModule } from './audit/audit-jobs.module';
import { AuditModule } from './audit/audit.module';
import { ClockModule } from './clock/clock';
import { ConsentJobsModule } from './consents/consent-expiry';
import { FollowUpJobsModule } from './follow-ups/follow-up-jobs.module';
import { NotificationJobsModule } from './notifications/notifications.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { MeetingJobsModule } from './meetings/meeting-jobs.module';
import { QueueModule } from './queue/queue.module';
import { JobWorkersModule } from './queue/job-workers';
import { RedisModule } from './redis/redis.module';
import { RetentionJobsModule } from './retention/retention-jobs.module';

/**
 * The worker process: the same configuration, database and queues as the API, and no HTTP. The
 * feature modules' `*-jobs.module.ts` hold the `@OnJob` handlers; JobWorkersModule runs them.
 */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(),
        LoggingModule,
        ClsModule.forRoot({ global: true }),
        RequestContextModule,
        ClockModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        AuditModule,
        FollowUpJobsModule,
        ConsentJobsModule,
        NotificationJobsModule,
        MeetingJobsModule,
        AuditJobsModule,
        RetentionJobsModule,
        JobWorkersModule,
      ],
    };
  }
}
