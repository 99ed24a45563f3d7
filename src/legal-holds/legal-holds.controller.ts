import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import {
  LegalHoldDto,
  LegalHoldListDto,
  LegalHoldQueryDto,
  LiftLegalHoldDto,
  PlaceLegalHoldDto,
} from './dto/legal-hold.dto';
import { legalHoldListView, legalHoldView } from './legal-hold-view';
import { LegalHoldsService } from './legal-holds.service';

@ApiTags('legal-holds')
@ApiBearerAuth()
@Controller('api/v1')
export class LegalHoldsController {
  constructor(
    private readonly holds: LegalHoldsService,
    private readonly clock: Clock,
  ) {}

  @Post('subjects/:id/legal-holds')
  @Policy('create', 'LegalHold', 'legal_hold.create', 'subject')
  @ApiCreatedResponse({ type: LegalHoldDto, description: 'Retention and erasure pass the subject by until `until`' })
  async place(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlaceLegalHoldDto,
  ): Promise<LegalHoldDto> {
    return legalHoldView(await this.holds.place(actor, ability, id, body), this.clock.now());
  }

  @Get('subjects/:id/legal-holds')
  @Policy('read', 'LegalHold', 'legal_hold.list', 'subject')
  @ApiOkResponse({ type: LegalHoldListDto, description: 'The subject’s holds, newest first' })
  async forSubject(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<LegalHoldListDto> {
    return legalHoldListView(await this.holds.forSubject(ability, id), this.clock.now());
  }

  @Get('legal-holds')
  @Policy('read', 'LegalHold', 'legal_hold.list')
  @ApiOkResponse({
    type: LegalHoldListDto,
    description: 'Holds by pseudonym, newest first, a page at a time: never a name or any case content',
  })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: LegalHoldQueryDto): Promise<LegalHoldListDto> {
    return legalHoldListView(await this.holds.list(ability, query), this.clock.now());
  }

  @Get('legal-holds/:id')
  @Policy('read', 'LegalHold', 'legal_hold.read')
  @ApiOkResponse({ type: LegalHoldDto })
  async read(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<LegalHoldDto> {
    return legalHoldView(await this.holds.read(ability, id), this.clock.now());
  }

  @Post('legal-holds/:id/lift')
  @HttpCode(200)
  @Policy('lift', 'LegalHold', 'legal_hold.lift')
  @ApiOkResponse({ type: LegalHoldDto, description: 'The hold no longer keeps the subject’s records' })
  async lift(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LiftLegalHoldDto,
  ): Promise<LegalHoldDto> {
    return legalHoldView(await this.holds.lift(actor, ability, id, body), this.clock.now());
  }
}
