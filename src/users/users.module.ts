import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { DistrictsModule } from '../districts/districts.module';
import { HandOverModule } from '../hand-over/hand-over.module';
import { SessionsModule } from '../sessions/sessions.module';
import { PasswordHasher } from './password-hasher.service';
import { MeController } from './me.controller';
import { PeopleController } from './people.controller';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AgenciesModule, DistrictsModule, SessionsModule, HandOverModule],
  controllers: [UsersController, MeController, PeopleController],
  providers: [UsersService, UsersRepository, PasswordHasher],
  exports: [UsersService, UsersRepository, PasswordHasher],
})
export class UsersModule {}
