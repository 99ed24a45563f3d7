import { Module } from '@nestjs/common';
import { ConcernsModule } from '../concerns/concerns.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { AccessExplanationsController } from './access-explanations.controller';
import { AccessExplanationsRepository } from './access-explanations.repository';
import { AccessExplanationsService } from './access-explanations.service';

/** "Why can I see this": the access rule that matched, for a concern or a referral. */
@Module({
  imports: [ConcernsModule, ReferralsModule],
  controllers: [AccessExplanationsController],
  providers: [AccessExplanationsService, AccessExplanationsRepository],
})
export class AccessExplanationsModule {}
