import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Writing audit events, for every module (the worker's too). */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
