import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queues';
import { AccessFlagsRepository } from './access-flags.repository';
import { AccessFlagsService } from './access-flags.service';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditExportQueue } from './audit-export-queue';
import { AuditExportsController } from './audit-exports.controller';
import { AuditExportsRepository } from './audit-exports.repository';
import { AuditExportsService } from './audit-exports.service';
import { AuditController } from './audit.controller';
import { AuditSearchService } from './audit-search.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditVerificationsController } from './audit-verifications.controller';
import { AuditVerificationsRepository } from './audit-verifications.repository';
import { AuditVerificationsService } from './audit-verifications.service';

/** The auditor's routes (the events repository comes from the global AuditModule, which writes through it). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.audit })],
  controllers: [AuditController, AuditVerificationsController, AuditExportsController],
  providers: [
    AuditTrailService,
    AuditSearchService,
    AccessFlagsService,
    AuditChainRepository,
    AccessFlagsRepository,
    AuditVerificationsService,
    AuditVerificationsRepository,
    AuditExportsService,
    AuditExportsRepository,
    AuditExportQueue,
  ],
})
export class AuditApiModule {}
