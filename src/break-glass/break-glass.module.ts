import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConcernsModule } from '../concerns/concerns.module';
import { BreakGlassController } from './break-glass.controller';
import { BreakGlassService } from './break-glass.service';

/** DESIGN rule 7: the coordinator's emergency access and the auditor's review of it. */
@Module({
  imports: [AuthModule, ConcernsModule],
  controllers: [BreakGlassController],
  providers: [BreakGlassService],
})
export class BreakGlassModule {}
