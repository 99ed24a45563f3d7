import { Global, Module } from '@nestjs/common';
import { RequestContext } from './request-context';

/** The request context on its own, for the worker, which has audit events but no HTTP guard. */
@Global()
@Module({ providers: [RequestContext], exports: [RequestContext] })
export class RequestContextModule {}
