import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralLifecycleRepository } from './referral-lifecycle.repository';
import { ReferralLifecycleService } from './referral-lifecycle.service';

@Module({
  imports: [NotificationsModule],
  providers: [ReferralLifecycleService, ReferralLifecycleRepository],
  exports: [ReferralLifecycleService],
})
export class ReferralLifecycleModule {}
