import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralLifecycleService } from './referral-lifecycle.service';

@Module({
  imports: [NotificationsModule],
  providers: [ReferralLifecycleService],
  exports: [ReferralLifecycleService],
})
export class ReferralLifecycleModule {}
