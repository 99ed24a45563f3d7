import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { agendaPdf } from './agenda-pdf';
import { AgendaService } from './agenda.service';
import { AddAgendaItemDto, AgendaDto, AgendaItemParams, MoveAgendaItemDto } from './dto/agenda.dto';
import { MeetingParams } from './dto/meeting.dto';
import { MinutesDto, RecordMinutesDto } from './dto/minutes.dto';
import { MinutesService } from './minutes.service';

/** The agenda and minutes of a meeting, each answer redacted for the caller. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings/:id')
export class AgendaController {
  constructor(
    private readonly agendas: AgendaService,
    private readonly minutes: MinutesService,
    private readonly clock: Clock,
  ) {}

  @Post('agenda')
  @HttpCode(200)
  @Policy('update', 'Meeting')
  @ApiOkResponse({ type: AgendaDto, description: 'The agenda generated now, as the caller sees it' })
  async generate(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
  ): Promise<AgendaDto> {
    return (await this.agendas.regenerate(actor, ability, params.id)).agenda;
  }

  @Get('agenda')
  @Policy('read', 'Meeting')
  @ApiOkResponse({ type: AgendaDto })
  async read(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
  ): Promise<AgendaDto> {
    return (await this.agendas.read(actor, ability, params.id, 'json')).agenda;
  }

  @Get('agenda.pdf')
  @Policy('read', 'Meeting')
  @Header('Content-Type', 'application/pdf')
  @Header('Content-Disposition', 'attachment; filename="agenda.pdf"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The caller’s copy of the agenda, A4', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
  ): Promise<Buffer> {
    const { meeting, agenda } = await this.agendas.read(actor, ability, params.id, 'pdf');
    const reader = await this.agendas.reader(actor);
    return agendaPdf(meeting, meeting.district!.name, agenda, reader, this.clock.now());
  }

  @Post('agenda/items')
  @Policy('update', 'Meeting')
  @ApiCreatedResponse({ type: AgendaDto })
  async addItem(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
    @Body() body: AddAgendaItemDto,
  ): Promise<AgendaDto> {
    return (await this.agendas.addItem(actor, ability, params.id, body)).agenda;
  }

  @Patch('agenda/items/:itemId')
  @Policy('update', 'Meeting')
  @ApiOkResponse({ type: AgendaDto })
  async moveItem(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: AgendaItemParams,
    @Body() body: MoveAgendaItemDto,
  ): Promise<AgendaDto> {
    return (await this.agendas.moveItem(actor, ability, params.id, params.itemId, body.position)).agenda;
  }

  @Post('minutes')
  @Policy('minute', 'Meeting')
  @ApiCreatedResponse({ type: MinutesDto, description: 'The minutes so far, as the caller sees them' })
  record(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
    @Body() body: RecordMinutesDto,
  ): Promise<MinutesDto> {
    return this.minutes.record(actor, ability, params.id, body);
  }

  @Get('minutes')
  @Policy('read', 'Meeting')
  @ApiOkResponse({ type: MinutesDto })
  readMinutes(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
  ): Promise<MinutesDto> {
    return this.minutes.read(actor, ability, params.id);
  }
}
