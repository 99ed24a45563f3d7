import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginAttemptsService } from './login-attempts.service';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { SecondFactorService } from './second-factor.service';
import { SignInRepository } from './sign-in.repository';
import { TokenVerifier } from './token-verifier.service';
import { TotpService } from './totp.service';

@Module({
  imports: [PassportModule, JwtModule.register({}), UsersModule, SessionsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SecondFactorService,
    LoginAttemptsService,
    LoginAttemptsRepository,
    SignInRepository,
    TotpService,
    TokenVerifier,
    JwtStrategy,
    LocalStrategy,
  ],
  exports: [TokenVerifier, TotpService],
})
export class AuthModule {}
