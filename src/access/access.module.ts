import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AccessGuard } from './access.guard';
import { RequestContext } from './request-context';

@Global()
@Module({
  providers: [AbilityFactory, RequestContext, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AbilityFactory, RequestContext],
})
export class AccessModule {}
