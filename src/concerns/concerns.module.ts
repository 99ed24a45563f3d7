import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ConcernsController } from './concerns.controller';
import { ConcernsRepository } from './concerns.repository';
import { ConcernsService } from './concerns.service';
import { EmergencyAlarm } from './emergency-alarm';
import { ConcernTimelineRepository } from './timeline.repository';

@Module({
  imports: [SubjectsModule, NotificationsModule],
  controllers: [ConcernsController],
  providers: [ConcernsService, ConcernsRepository, ConcernTimelineRepository, EmergencyAlarm],
  exports: [ConcernsService],
})
export class ConcernsModule {}
