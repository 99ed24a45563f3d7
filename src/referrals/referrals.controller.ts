import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import {
  AcceptReferralDto,
  CloseReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ReferralDto,
  ReferralNoteDto,
  ReferralNoteInputDto,
  ReferralPageDto,
  ReferralQuery,
  StartReferralDto,
} from './dto/referral.dto';
import { noteView, referralPageView, referralView } from './referral-view';
import { ReferralsService, TransitionInput } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Policy('create', 'Referral', 'referral.create')
  @ApiCreatedResponse({ type: ReferralDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateReferralDto,
  ): Promise<ReferralDto> {
    return referralView(await this.referrals.create(actor, ability, body), this.clock.now());
  }

  @Get()
  @Policy('read', 'Referral', 'referral.list')
  @ApiOkResponse({ type: ReferralPageDto })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: ReferralQuery): Promise<ReferralPageDto> {
    const since = query.since ? new Date(query.since) : undefined;
    return referralPageView(await this.referrals.list(ability, query), this.clock.now(), since);
  }

  @Get(':id')
  @Policy('read', 'Referral', 'referral.read')
  @ApiOkResponse({
    type: ReferralDto,
    description:
      'The first time someone of the receiving agency opens it while it is pending, it is marked seen (its receipt)',
  })
  async get(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReferralDto> {
    const { referral, notes } = await this.referrals.read(actor, ability, id);
    return referralView(referral, this.clock.now(), notes);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Policy('accept', 'Referral', 'referral.accept')
  @ApiOkResponse({ type: ReferralDto })
  accept(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcceptReferralDto,
  ) {
    return this.move(ability, id, { transition: 'accept', body });
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Policy('decline', 'Referral', 'referral.decline')
  @ApiOkResponse({ type: ReferralDto })
  decline(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeclineReferralDto,
  ) {
    return this.move(ability, id, { transition: 'decline', body });
  }

  @Post(':id/start')
  @HttpCode(200)
  @Policy('start', 'Referral', 'referral.start')
  @ApiOkResponse({ type: ReferralDto })
  start(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string, @Body() body: StartReferralDto) {
    return this.move(ability, id, { transition: 'start', body });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Policy('close', 'Referral', 'referral.close')
  @ApiOkResponse({ type: ReferralDto })
  close(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string, @Body() body: CloseReferralDto) {
    return this.move(ability, id, { transition: 'close', body });
  }

  @Post(':id/notes')
  @Policy('note', 'Referral', 'referral.note')
  @ApiCreatedResponse({ type: ReferralNoteDto })
  async note(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReferralNoteInputDto,
  ): Promise<ReferralNoteDto> {
    return noteView(await this.referrals.addNote(actor, ability, id, body.text));
  }

  private async move(ability: AppAbility, id: string, input: TransitionInput): Promise<ReferralDto> {
    return referralView(await this.referrals.transition(ability, id, input), this.clock.now());
  }
}
