import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { concernView } from './concern-view';
import { ConcernsService } from './concerns.service';
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
  constructor(private readonly concerns: ConcernsService) {}

  @Post()
  @Policy('create', 'Concern')
  @ApiCreatedResponse({ type: CreatedConcernDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateConcernDto,
  ): Promise<CreatedConcernDto> {
    const { concern, emergency } = await this.concerns.create(actor, ability, body);
    return { ...concernView(ability, concern), ...(emergency ? { emergency } : {}) };
  }

  @Get()
  @Policy('read', 'Concern')
  @ApiOkResponse({ type: ConcernPageDto })
  async list(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Query() query: ConcernQuery,
  ): Promise<ConcernPageDto> {
    const page = await this.concerns.list(actor, ability, query);
    return { items: page.items.map((concern) => concernView(ability, concern)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Policy('read', 'Concern')
  @ApiOkResponse({ type: ConcernDto })
  async get(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConcernDto> {
    return concernView(ability, await this.concerns.read(actor, ability, id));
  }

  @Patch(':id')
  @Policy('update', 'Concern')
  @ApiOkResponse({ type: UpdatedConcernDto })
  async update(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateConcernDto,
  ): Promise<UpdatedConcernDto> {
    const { concern, emergency } = await this.concerns.update(actor, ability, id, body);
    return { ...concernView(ability, concern), ...(emergency ? { emergency } : {}) };
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Policy('triage', 'Concern')
  @ApiOkResponse({ type: ConcernDto })
  async triage(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TriageConcernDto,
  ): Promise<ConcernDto> {
    return concernView(ability, await this.concerns.triage(actor, ability, id, body));
  }
}
