import { Module } from '@nestjs/common';
import { ConcernsModule } from '../concerns/concerns.module';
import { ConsentsModule } from '../consents/consents.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { ReferralLifecycleModule } from './referral-lifecycle.module';
import { ReferralReceiptModule } from './referral-receipt';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [ConcernsModule, ConsentsModule, ReferralLifecycleModule, FollowUpsModule, ReferralReceiptModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralsRepository],
  exports: [ReferralsService],
})
export class ReferralsModule {}
