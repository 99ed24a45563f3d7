import { Module } from '@nestjs/common';
import { SubjectsModule } from '../subjects/subjects.module';
import { RetentionController } from './retention.controller';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** Retention and erasure: the dry run and erasure on request here; the daily run in RetentionJobsModule. */
@Module({
  imports: [SubjectsModule],
  controllers: [RetentionController],
  providers: [RetentionRepository, RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
