import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { MfaExempt, Policy } from '../access/policy.decorator';
import { ProfileDto } from './dto/user.dto';
import { profileView } from './user-view';
import { UsersService } from './users.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @MfaExempt()
  @Policy('read', 'Profile', 'profile.read')
  @ApiOkResponse({ type: ProfileDto })
  async me(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility): Promise<ProfileDto> {
    return profileView(await this.users.profile(ability, actor.id));
  }
}
