import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queues';
import { ReferralLifecycleModule } from '../referrals/referral-lifecycle.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ConsentExpiryScheduler } from './consent-expiry';
import { ConsentsController } from './consents.controller';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';

@Module({
  imports: [SubjectsModule, ReferralLifecycleModule, BullModule.registerQueue({ name: QUEUES.consents })],
  controllers: [ConsentsController],
  providers: [ConsentsService, ConsentsRepository, ConsentExpiryScheduler],
  exports: [ConsentsService],
})
export class ConsentsModule {}
