import { Module } from '@nestjs/common';
import { DistrictsModule } from '../districts/districts.module';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';

@Module({
  imports: [DistrictsModule],
  controllers: [AgenciesController],
  providers: [AgenciesService, AgenciesRepository],
  exports: [AgenciesService],
})
export class AgenciesModule {}
