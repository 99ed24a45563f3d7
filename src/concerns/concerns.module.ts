import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ConcernsController } from './concerns.controller';
import { ConcernsRepository } from './concerns.repository';
import { ConcernsService } from './concerns.service';
import { EmergencyAlarm } from './emergency-alarm';

@Module({
  imports: [SubjectsModule, NotificationsModule],
  controllers: [ConcernsController],
  providers: [ConcernsService, ConcernsRepository, EmergencyAlarm],
  exports: [ConcernsService],
})
export class ConcernsModule {}
