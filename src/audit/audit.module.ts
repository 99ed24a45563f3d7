import { Global, Module } from '@nestjs/common';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditService } from './audit.service';
import { RefusalAudit } from './refusal-audit';

/** Writing audit events, for every module (the worker's too); refusals for the exception filter. */
@Global()
@Module({
  providers: [AuditService, RefusalAudit, AuditEventsRepository],
  exports: [AuditService, RefusalAudit, AuditEventsRepository],
})
export class AuditModule {}
