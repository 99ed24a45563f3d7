import { Module } from '@nestjs/common';
import { SubjectsModule } from '../subjects/subjects.module';
import { LegalHoldsController } from './legal-holds.controller';
import { LegalHoldsRepository } from './legal-holds.repository';
import { LegalHoldsService } from './legal-holds.service';

/** Legal holds: a coordinator keeps a subject's records from retention and erasure, for a reason, until a time. */
@Module({
  imports: [SubjectsModule],
  controllers: [LegalHoldsController],
  providers: [LegalHoldsRepository, LegalHoldsService],
  exports: [LegalHoldsRepository, LegalHoldsService],
})
export class LegalHoldsModule {}
