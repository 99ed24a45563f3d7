import { Module } from '@nestjs/common';
import { SavedFiltersController } from './saved-filters.controller';
import { SavedFiltersRepository } from './saved-filters.repository';
import { SavedFiltersService } from './saved-filters.service';

/** A user's saved filters of the concerns list, kept on the server. */
@Module({
  controllers: [SavedFiltersController],
  providers: [SavedFiltersRepository, SavedFiltersService],
  exports: [SavedFiltersRepository],
})
export class SavedFiltersModule {}
