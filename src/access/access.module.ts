import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AccessGuard } from './access.guard';
import { RequestContextModule } from './request-context.module';

@Global()
@Module({
  imports: [RequestContextModule],
  providers: [AbilityFactory, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AbilityFactory],
})
export class AccessModule {}
