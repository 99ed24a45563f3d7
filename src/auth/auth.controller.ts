import { Body, Controller, HttpCode, Post, Req, SetMetadata, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentActor } from '../access/current-actor.decorator';
import { Actor } from '../access/actor';
import { MfaExempt, Policy, Public } from '../access/policy.decorator';
import { STRICT_THROTTLE_KEY } from '../http/throttling';
import { User } from '../users/user.entity';
import { tokenPairView, totpEnrolmentView } from './auth-view';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, TokenPairDto, TotpCodeDto, TotpEnrolmentDto } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { SecondFactorService } from './second-factor.service';

@ApiTags('auth')
@SetMetadata(STRICT_THROTTLE_KEY, true)
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({ description: 'Locked after five failed logins in 15 minutes, or rate limited' })
  async login(@Req() request: { user: User }): Promise<TokenPairDto> {
    return tokenPairView(await this.auth.login(request.user));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  async refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return tokenPairView(await this.auth.refresh(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @MfaExempt()
  @Policy('manage', 'Credentials', 'session.end')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session and its refresh tokens are revoked' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Post('totp/enrol')
  @HttpCode(200)
  @MfaExempt()
  @Policy('manage', 'Credentials', 'user.enrol_second_factor')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TotpEnrolmentDto })
  async enrol(@CurrentActor() actor: Actor): Promise<TotpEnrolmentDto> {
    return totpEnrolmentView(await this.secondFactor.enrol(actor));
  }

  @Post('totp/confirm')
  @HttpCode(204)
  @MfaExempt()
  @Policy('manage', 'Credentials', 'user.confirm_second_factor')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The second factor is required from the next login on' })
  async confirm(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<void> {
    await this.secondFactor.confirm(actor, body.code);
  }

  @Post('totp/disable')
  @HttpCode(204)
  @Policy('manage', 'Credentials', 'user.disable_second_factor')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The second factor is removed' })
  async disable(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<void> {
    await this.secondFactor.disable(actor, body.code);
  }
}
