import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { consentListView, consentView } from './consent-view';
import { ConsentsService } from './consents.service';
import { ConsentDto, ConsentListDto, CreateConsentDto } from './dto/consent.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('api/v1')
export class ConsentsController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly clock: Clock,
  ) {}

  @Post('consents')
  @Policy('create', 'Consent', 'consent.create')
  @ApiCreatedResponse({ type: ConsentDto })
  async record(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateConsentDto,
  ): Promise<ConsentDto> {
    return consentView(await this.consents.record(actor, ability, body), this.clock.now());
  }

  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @Policy('withdraw', 'Consent', 'consent.withdraw')
  @ApiOkResponse({
    type: ConsentDto,
    description: 'Access resting on the consent has ended; its open referrals are closed',
  })
  async withdraw(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConsentDto> {
    return consentView(await this.consents.withdraw(actor, ability, id), this.clock.now());
  }

  @Get('subjects/:id/consents')
  @Policy('read', 'Consent', 'consent.list', 'subject')
  @ApiOkResponse({ type: ConsentListDto })
  async forSubject(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConsentListDto> {
    return consentListView(await this.consents.forSubject(ability, id), this.clock.now());
  }
}
