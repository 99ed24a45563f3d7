import { Module } from '@nestjs/common';
import { DistrictsModule } from '../districts/districts.module';
import { SessionsModule } from '../sessions/sessions.module';
import { PasswordHasher } from './password-hasher.service';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [DistrictsModule, SessionsModule],
  controllers: [UsersController, MeController],
  providers: [UsersService, PasswordHasher],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
