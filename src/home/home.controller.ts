import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { WorkDto } from './dto/home.dto';
import { workView } from './home-view';
import { HomeService } from './home.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** The home page: what is the caller's to do now, counted as the lists they stand for would show it. */
  @Get('work')
  @Policy('read', 'Profile', 'profile.read_work')
  @ApiOkResponse({ type: WorkDto })
  async work(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility): Promise<WorkDto> {
    return workView(await this.home.work(actor, ability));
  }
}
