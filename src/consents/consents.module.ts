import { Module } from '@nestjs/common';
import { ReferralLifecycleModule } from '../referrals/referral-lifecycle.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

@Module({
  imports: [SubjectsModule, ReferralLifecycleModule],
  controllers: [ConsentsController],
  providers: [ConsentsService],
  exports: [ConsentsService],
})
export class ConsentsModule {}
