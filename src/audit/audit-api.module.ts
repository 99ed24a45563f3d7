import { Module } from '@nestjs/common';
import { AccessFlagsRepository } from './access-flags.repository';
import { AccessFlagsService } from './access-flags.service';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditController } from './audit.controller';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditSearchService } from './audit-search.service';
import { AuditTrailService } from './audit-trail.service';

/** The auditor's routes. */
@Module({
  controllers: [AuditController],
  providers: [
    AuditTrailService,
    AuditSearchService,
    AccessFlagsService,
    AuditChainRepository,
    AuditEventsRepository,
    AccessFlagsRepository,
  ],
})
export class AuditApiModule {}
