import { Module } from '@nestjs/common';
import { SubjectSearchController } from './subject-search.controller';
import { SubjectSearchRepository } from './subject-search.repository';
import { SubjectSearchService } from './subject-search.service';
import { SubjectsController } from './subjects.controller';
import { SubjectsRepository } from './subjects.repository';
import { SubjectsService } from './subjects.service';

@Module({
  controllers: [SubjectsController, SubjectSearchController],
  providers: [SubjectsService, SubjectsRepository, SubjectSearchService, SubjectSearchRepository],
  exports: [SubjectsService],
})
export class SubjectsModule {}
