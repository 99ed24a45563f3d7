import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { changedConcernView, concernPageView, concernView } from './concern-view';
import { ConcernsService } from './concerns.service';
import { TimelineDto } from './dto/timeline.dto';
import { timelineView } from './timeline-view';
import {
  ConcernDto,
  ConcernPageDto,
  ConcernQuery,
  CreateConcernDto,
  CreatedConcernDto,
  TriageConcernDto,
  UpdateConcernDto,
  UpdatedConcernDto,
} from './dto/concern.dto';

@ApiTags('concerns')
@ApiBearerAuth()
@Controller('api/v1/concerns')
export class ConcernsController {
  constructor(
    private readonly concerns: ConcernsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Policy('create', 'Concern', 'concern.create')
  @ApiCreatedResponse({ type: CreatedConcernDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateConcernDto,
  ): Promise<CreatedConcernDto> {
    const { concern, emergency } = await this.concerns.create(actor, ability, body);
    return changedConcernView(ability, concern, emergency, this.clock.now());
  }

  @Get()
  @Policy('read', 'Concern', 'concern.list')
  @ApiOkResponse({ type: ConcernPageDto })
  async list(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Query() query: ConcernQuery,
  ): Promise<ConcernPageDto> {
    const page = await this.concerns.list(actor, ability, query);
    return concernPageView(ability, page, this.clock.now(), query.since ? new Date(query.since) : undefined);
  }

  @Get(':id')
  @Policy('read', 'Concern', 'concern.read')
  @ApiOkResponse({ type: ConcernDto })
  async get(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConcernDto> {
    return concernView(ability, await this.concerns.read(actor, ability, id), this.clock.now());
  }

  @Get(':id/timeline')
  @Policy('read', 'Concern', 'concern.read')
  @ApiOkResponse({
    type: TimelineDto,
    description: 'What happened to the concern, oldest first, redacted for the reader',
  })
  async timeline(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TimelineDto> {
    const { concern, steps } = await this.concerns.timeline(actor, ability, id);
    return timelineView(ability, concern, steps);
  }

  @Patch(':id')
  @Policy('update', 'Concern', 'concern.update')
  @ApiOkResponse({ type: UpdatedConcernDto })
  async update(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateConcernDto,
  ): Promise<UpdatedConcernDto> {
    const { concern, emergency } = await this.concerns.update(actor, ability, id, body);
    return changedConcernView(ability, concern, emergency, this.clock.now());
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Policy('triage', 'Concern', 'concern.triage')
  @ApiOkResponse({ type: ConcernDto })
  async triage(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TriageConcernDto,
  ): Promise<ConcernDto> {
    return concernView(ability, await this.concerns.triage(actor, ability, id, body), this.clock.now());
  }
}
