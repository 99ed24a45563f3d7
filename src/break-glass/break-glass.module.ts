import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConcernsModule } from '../concerns/concerns.module';
import { UsersModule } from '../users/users.module';
import { BreakGlassController } from './break-glass.controller';
import { BreakGlassRepository } from './break-glass.repository';
import { BreakGlassService } from './break-glass.service';

/** DESIGN rule 7: the coordinator's emergency access and the auditor's review of it. */
@Module({
  imports: [AuthModule, ConcernsModule, UsersModule],
  controllers: [BreakGlassController],
  providers: [BreakGlassRepository, BreakGlassService],
})
export class BreakGlassModule {}
