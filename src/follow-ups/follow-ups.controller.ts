import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { CreateFollowUpDto, FollowUpDto, FollowUpPageDto, FollowUpQuery, MoveFollowUpDto } from './dto/follow-up.dto';
import { followUpPageView, followUpView } from './follow-up-view';
import { FollowUpsService } from './follow-ups.service';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('api/v1/follow-ups')
export class FollowUpsController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Policy('read', 'FollowUp', 'follow_up.list')
  @ApiOkResponse({ type: FollowUpPageDto })
  async list(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Query() query: FollowUpQuery,
  ): Promise<FollowUpPageDto> {
    return followUpPageView(await this.followUps.list(ability, actor, query), this.clock.now());
  }

  @Post()
  @Policy('create', 'FollowUp', 'follow_up.create')
  @ApiCreatedResponse({ type: FollowUpDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateFollowUpDto,
  ): Promise<FollowUpDto> {
    return followUpView(await this.followUps.create(actor, ability, body), this.clock.now());
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Policy('complete', 'FollowUp', 'follow_up.complete')
  @ApiOkResponse({ type: FollowUpDto })
  async complete(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<FollowUpDto> {
    return followUpView(await this.followUps.close(ability, id, 'complete'), this.clock.now());
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Policy('cancel', 'FollowUp', 'follow_up.cancel')
  @ApiOkResponse({ type: FollowUpDto })
  async cancel(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<FollowUpDto> {
    return followUpView(await this.followUps.close(ability, id, 'cancel'), this.clock.now());
  }

  @Patch(':id')
  @Policy('update', 'FollowUp', 'follow_up.reschedule')
  @ApiOkResponse({ type: FollowUpDto, description: 'Its due date moved; the reminder and escalation follow' })
  async reschedule(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MoveFollowUpDto,
  ): Promise<FollowUpDto> {
    return followUpView(await this.followUps.reschedule(ability, id, body), this.clock.now());
  }
}
