import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { DependencyHealth } from './dependency.health';
import { HealthRepository } from './health.repository';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DependencyHealth, HealthRepository],
})
export class HealthModule {}
