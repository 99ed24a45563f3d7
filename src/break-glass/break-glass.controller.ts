import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { grantListView, grantView } from './break-glass-view';
import { BreakGlassService } from './break-glass.service';
import { BreakGlassGrantDto, BreakGlassGrantListDto, BreakGlassRequestDto, ReviewDto } from './dto/break-glass.dto';

@ApiTags('break-glass')
@ApiBearerAuth()
@Controller('api/v1')
export class BreakGlassController {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @Post('break-glass')
  @Policy('break_glass', 'Concern', 'break_glass_grant.create')
  @ApiCreatedResponse({ type: BreakGlassGrantDto, description: 'Read-only access to the one record until `expiresAt`' })
  async open(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: BreakGlassRequestDto,
  ): Promise<BreakGlassGrantDto> {
    return grantView(await this.breakGlass.open(actor, ability, body));
  }

  @Get('audit/break-glass')
  @Policy('read', 'BreakGlass', 'break_glass_grant.list')
  @ApiOkResponse({ type: BreakGlassGrantListDto, description: 'Grants awaiting review, oldest first' })
  async awaiting(@CurrentAbility() ability: AppAbility): Promise<BreakGlassGrantListDto> {
    return grantListView(await this.breakGlass.awaitingReview(ability));
  }

  @Post('audit/break-glass/:id/review')
  @HttpCode(200)
  @Policy('review', 'BreakGlass', 'break_glass_grant.review')
  @ApiOkResponse({ type: BreakGlassGrantDto })
  async review(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewDto,
  ): Promise<BreakGlassGrantDto> {
    return grantView(await this.breakGlass.review(actor, ability, id, body));
  }
}
