import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AccessGuard } from './access.guard';
import { RequestContextModule } from './request-context.module';
import { RouteAccess } from './route-access';

@Global()
@Module({
  imports: [RequestContextModule],
  providers: [AbilityFactory, RouteAccess, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AbilityFactory, RouteAccess],
})
export class AccessModule {}
