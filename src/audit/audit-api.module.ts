import { Module } from '@nestjs/common';
import { AccessFlagsRepository } from './access-flags.repository';
import { AccessFlagsService } from './access-flags.service';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditController } from './audit.controller';
import { AuditSearchService } from './audit-search.service';
import { AuditTrailService } from './audit-trail.service';

/** The auditor's routes (the events repository comes from the global AuditModule, which writes through it). */
@Module({
  controllers: [AuditController],
  providers: [AuditTrailService, AuditSearchService, AccessFlagsService, AuditChainRepository, AccessFlagsRepository],
})
export class AuditApiModule {}
