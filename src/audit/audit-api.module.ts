import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditSearchService } from './audit-search.service';
import { AuditTrailService } from './audit-trail.service';

/** The auditor's routes. */
@Module({
  controllers: [AuditController],
  providers: [AuditTrailService, AuditSearchService],
})
export class AuditApiModule {}
