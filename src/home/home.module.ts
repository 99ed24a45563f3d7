import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { SavedFiltersModule } from '../saved-filters/saved-filters.module';
import { HomeController } from './home.controller';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';

/** The home page's counts: what is the caller's to do now. */
@Module({
  imports: [SavedFiltersModule, InboxModule],
  controllers: [HomeController],
  providers: [HomeRepository, HomeService],
})
export class HomeModule {}
