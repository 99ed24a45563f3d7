import { Module } from '@nestjs/common';
import { SubjectsModule } from '../subjects/subjects.module';
import { AccessRequestsController } from './access-requests.controller';
import { AccessRequestsRepository } from './access-requests.repository';
import { AccessRequestsService } from './access-requests.service';

/** The right of access (Article 15): a subject's access package, compiled on request and never stored. */
@Module({
  imports: [SubjectsModule],
  controllers: [AccessRequestsController],
  providers: [AccessRequestsRepository, AccessRequestsService],
})
export class AccessRequestsModule {}
