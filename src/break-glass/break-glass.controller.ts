import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { BreakGlassGrant } from './break-glass-grant.entity';
import { BreakGlassService } from './break-glass.service';
import {
  BreakGlassGrantDto,
  BreakGlassGrantListDto,
  BreakGlassRequestDto,
  GrantParams,
  ReviewDto,
} from './dto/break-glass.dto';

function grantView(grant: BreakGlassGrant & { pseudonym: string }): BreakGlassGrantDto {
  return {
    id: grant.id,
    userId: grant.userId,
    agencyId: grant.agencyId,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
    pseudonym: grant.pseudonym,
    reasonCode: grant.reasonCode,
    justification: grant.justification,
    grantedAt: grant.grantedAt.toISOString(),
    expiresAt: grant.expiresAt.toISOString(),
    reviewedAt: grant.reviewedAt?.toISOString() ?? null,
    reviewOutcome: grant.reviewOutcome,
    reviewNote: grant.reviewNote,
  };
}

@ApiTags('break-glass')
@ApiBearerAuth()
@Controller('api/v1')
export class BreakGlassController {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @Post('break-glass')
  @Policy('break_glass', 'Concern')
  @ApiCreatedResponse({ type: BreakGlassGrantDto, description: 'Read-only access to the one record until `expiresAt`' })
  async open(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: BreakGlassRequestDto,
  ): Promise<BreakGlassGrantDto> {
    return grantView(await this.breakGlass.open(actor, ability, body));
  }

  @Get('audit/break-glass')
  @Policy('read', 'BreakGlass')
  @ApiOkResponse({ type: BreakGlassGrantListDto, description: 'Grants awaiting review, oldest first' })
  async awaiting(): Promise<BreakGlassGrantListDto> {
    return { items: (await this.breakGlass.awaitingReview()).map(grantView) };
  }

  @Post('audit/break-glass/:id/review')
  @HttpCode(200)
  @Policy('review', 'BreakGlass')
  @ApiOkResponse({ type: BreakGlassGrantDto })
  async review(
    @CurrentActor() actor: Actor,
    @Param() params: GrantParams,
    @Body() body: ReviewDto,
  ): Promise<BreakGlassGrantDto> {
    return grantView(await this.breakGlass.review(actor, params.id, body));
  }
}
