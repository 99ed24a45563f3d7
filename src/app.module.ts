import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import Redis from 'ioredis';
import { ClsModule } from 'nestjs-cls';
import { AccessModule } from './access/access.module';
import { AccessRequestsModule } from './access-requests/access-requests.module';
import { AccessExplanationsModule } from './access-explanations/access-explanations.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AuditApiModule } from './audit/audit-api.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConcernsModule } from './concerns/concerns.module';
import { ConsentsModule } from './consents/consents.module';
import { BreakGlassModule } from './break-glass/break-glass.module';
import { ClockModule } from './clock/clock';
import { AppConfig } from './config/app-config.service';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DistrictsModule } from './districts/districts.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { InboxModule } from './inbox/inbox.module';
import { LegalHoldsModule } from './legal-holds/legal-holds.module';
import { ProblemFilter } from './http/problem.filter';
import { RetentionModule } from './retention/retention.module';
import { throttlerOptions } from './http/throttling';
import { LoggingModule } from './logging/logging.module';
import { MeetingsModule } from './meetings/meetings.module';
import { QueueDashboardModule } from './queue/queue-dashboard.module';
import { QueueModule } from './queue/queue.module';
import { REDIS, RedisModule } from './redis/redis.module';
import { ReferralsModule } from './referrals/referrals.module';
import { SavedFiltersModule } from './saved-filters/saved-filters.module';
import { SubjectsModule } from './subjects/subjects.module';
import { UsersModule } from './users/users.module';

/** The API process. Built at run time so configuration is read when the app starts. */
@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        // Logging before CLS: the pino middleware assigns the request id that CLS then carries.
        LoggingModule,
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            idGenerator: (request: { id?: string }) => request.id ?? 'unknown',
          },
        }),
        DatabaseModule,
        RedisModule,
        QueueModule,
        ThrottlerModule.forRootAsync({
          inject: [AppConfig, REDIS],
          useFactory: (config: AppConfig, redis: Redis) => throttlerOptions(config, redis),
        }),
        ClockModule,
        AuditModule,
        AuditApiModule,
        AccessModule,
        HealthModule,
        DistrictsModule,
        AgenciesModule,
        UsersModule,
        AuthModule,
        SubjectsModule,
        ConcernsModule,
        ConsentsModule,
        ReferralsModule,
        InboxModule,
        FollowUpsModule,
        MeetingsModule,
        BreakGlassModule,
        LegalHoldsModule,
        AccessRequestsModule,
        AccessExplanationsModule,
        SavedFiltersModule,
        RetentionModule,
        HomeModule,
        QueueDashboardModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
