import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { MfaExempt, Policy } from '../access/policy.decorator';
import { secondFactorMissing } from '../access/route-access';
import { AppConfig } from '../config/app-config.service';
import { MeDto, UpdateProfileDto } from './dto/user.dto';
import { meView } from './user-view';
import { UsersService } from './users.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @MfaExempt()
  @Policy('read', 'Profile', 'profile.read')
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility): Promise<MeDto> {
    return meView(await this.users.profile(ability, actor.id), secondFactorMissing(this.config, actor));
  }

  /** The caller's own preferences: the language the web app speaks to them. */
  @Patch()
  @MfaExempt()
  @Policy('update', 'Profile', 'profile.update')
  @ApiOkResponse({ type: MeDto })
  async update(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: UpdateProfileDto,
  ): Promise<MeDto> {
    return meView(await this.users.updateProfile(ability, actor.id, body), secondFactorMissing(this.config, actor));
  }
}
