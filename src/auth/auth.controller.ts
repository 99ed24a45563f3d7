import { Body, Controller, HttpCode, Post, Req, Res, SetMetadata, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { ApiHeaderOptions } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../access/current-actor.decorator';
import { Actor } from '../access/actor';
import { MfaExempt, Policy, Public } from '../access/policy.decorator';
import { STRICT_THROTTLE_KEY } from '../http/throttling';
import { User } from '../users/user.entity';
import { TokenPair, tokenPairView, totpEnrolmentView } from './auth-view';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, TokenPairDto, TotpCodeDto, TotpEnrolmentDto } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { InvalidRefreshTokenError } from './auth.errors';
import {
  clearRefreshCookie,
  hasCsrfHeader,
  REFRESH_COOKIE,
  refreshTokenFromCookie,
  requireCsrfHeader,
  setRefreshCookie,
} from './refresh-cookie';
import { SecondFactorService } from './second-factor.service';

const CSRF_HEADER_DOC = {
  name: 'X-Samvirke-CSRF',
  required: false,
  description:
    'Sent by the web app as "1": its answers leave the refresh token out of the body (it is in the cookie only); ' +
    'required on refresh and logout by cookie',
  schema: { type: 'string', enum: ['1'] },
} satisfies ApiHeaderOptions;

const SET_COOKIE_DOC = {
  description:
    'The refresh token as samvirke_refresh; HttpOnly; SameSite=Strict; Path=/api/v1/auth; Secure unless plain-http localhost',
  schema: { type: 'string' },
};

/** The web app (it sends the CSRF header) gets its refresh token in the HttpOnly cookie only, never where scripts can read it. */
function browserTokenPairView(request: FastifyRequest, pair: TokenPair): TokenPairDto {
  const view = tokenPairView(pair);
  if (hasCsrfHeader(request)) delete view.refreshToken;
  return view;
}

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
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOkResponse({ type: TokenPairDto, headers: { 'Set-Cookie': SET_COOKIE_DOC } })
  @ApiTooManyRequestsResponse({ description: 'Locked after five failed logins in 15 minutes, or rate limited' })
  async login(
    @Req() request: FastifyRequest & { user: User },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    const pair = await this.auth.login(request.user);
    setRefreshCookie(request, reply, pair.refreshToken);
    return browserTokenPairView(request, pair);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOkResponse({ type: TokenPairDto, headers: { 'Set-Cookie': SET_COOKIE_DOC } })
  @ApiForbiddenResponse({ description: 'The token came from the cookie without the X-Samvirke-CSRF header' })
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    // A token in the body is an API client's; otherwise the browser's cookie, which needs the CSRF header.
    let presented = body.refreshToken;
    if (presented === undefined) {
      presented = refreshTokenFromCookie(request);
      if (presented === undefined) throw new InvalidRefreshTokenError();
      requireCsrfHeader(request);
    }
    const pair = await this.auth.refresh(presented);
    setRefreshCookie(request, reply, pair.refreshToken);
    return browserTokenPairView(request, pair);
  }

  @Post('logout')
  @HttpCode(204)
  @MfaExempt()
  @Policy('manage', 'Credentials', 'session.end')
  @ApiBearerAuth()
  @ApiHeader({ ...CSRF_HEADER_DOC, description: 'Required when the request carries the refresh cookie' })
  @ApiNoContentResponse({
    description: 'The session and its refresh tokens are revoked, and the refresh cookie cleared',
    headers: { 'Set-Cookie': { description: 'Clears the refresh cookie', schema: { type: 'string' } } },
  })
  @ApiForbiddenResponse({ description: 'The refresh cookie was sent without the X-Samvirke-CSRF header' })
  async logout(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (refreshTokenFromCookie(request) !== undefined) requireCsrfHeader(request);
    await this.auth.logout(actor);
    clearRefreshCookie(request, reply);
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
