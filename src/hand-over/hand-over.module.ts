import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { HandOverController } from './hand-over.controller';
import { HandOverRepository } from './hand-over.repository';
import { HandOverService } from './hand-over.service';

/** A leaving user's open case work, handed to a colleague; the check that keeps it from being left behind. */
@Module({
  imports: [NotificationsModule],
  controllers: [HandOverController],
  providers: [HandOverService, HandOverRepository],
  exports: [HandOverService],
})
export class HandOverModule {}
