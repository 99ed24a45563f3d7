import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { AccessExplanationsService } from './access-explanations.service';
import { AccessExplanationDto } from './dto/access-explanation.dto';

@ApiTags('access')
@ApiBearerAuth()
@Controller('api/v1')
export class AccessExplanationsController {
  constructor(private readonly explanations: AccessExplanationsService) {}

  @Get('concerns/:id/access')
  @Policy('read', 'Concern', 'concern.explain_access')
  @ApiOkResponse({
    type: AccessExplanationDto,
    description: 'Why the caller can see the concern: the rules that matched; for a stub, what is withheld and why',
  })
  async concern(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AccessExplanationDto> {
    return this.explanations.concern(actor, ability, id);
  }

  @Get('referrals/:id/access')
  @Policy('read', 'Referral', 'referral.explain_access')
  @ApiOkResponse({
    type: AccessExplanationDto,
    description: 'Why the caller can see the referral: the rules that matched',
  })
  async referral(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AccessExplanationDto> {
    return this.explanations.referral(ability, id);
  }
}
