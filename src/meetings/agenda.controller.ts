import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { agendaPdfView, agendaView } from './agenda-view';
import { AgendaService } from './agenda.service';
import { AddAgendaItemDto, AgendaDto, MoveAgendaItemDto } from './dto/agenda.dto';
import { MinutesDto, RecordMinutesDto } from './dto/minutes.dto';
import { minutesView } from './minutes-view';
import { MinutesService } from './minutes.service';

/** The agenda and minutes of a meeting, each answer redacted for the caller. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings/:id')
export class AgendaController {
  constructor(
    private readonly agendas: AgendaService,
    private readonly minutes: MinutesService,
  ) {}

  @Post('agenda')
  @HttpCode(200)
  @Policy('update', 'Meeting', 'agenda.generate')
  @ApiOkResponse({ type: AgendaDto, description: 'The agenda generated now, as the caller sees it' })
  async generate(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AgendaDto> {
    return agendaView(await this.agendas.regenerate(actor, ability, id));
  }

  @Get('agenda')
  @Policy('read', 'Meeting', 'agenda.read')
  @ApiOkResponse({ type: AgendaDto })
  async read(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AgendaDto> {
    return agendaView(await this.agendas.read(actor, ability, id));
  }

  @Get('agenda.pdf')
  @Policy('read', 'Meeting', 'agenda.export')
  @Header('Content-Type', 'application/pdf')
  @Header('Content-Disposition', 'attachment; filename="agenda.pdf"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The caller’s copy of the agenda, A4', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Buffer> {
    return agendaPdfView(await this.agendas.printable(actor, ability, id));
  }

  @Post('agenda/items')
  @Policy('update', 'Meeting', 'agenda.add_item')
  @ApiCreatedResponse({ type: AgendaDto })
  async addItem(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddAgendaItemDto,
  ): Promise<AgendaDto> {
    return agendaView(await this.agendas.addItem(actor, ability, id, body));
  }

  @Patch('agenda/items/:itemId')
  @Policy('update', 'Meeting', 'agenda.move_item')
  @ApiOkResponse({ type: AgendaDto })
  async moveItem(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: MoveAgendaItemDto,
  ): Promise<AgendaDto> {
    return agendaView(await this.agendas.moveItem(actor, ability, id, itemId, body.position));
  }

  @Post('minutes')
  @Policy('minute', 'Meeting', 'minutes.record')
  @ApiCreatedResponse({ type: MinutesDto, description: 'The minutes so far, as the caller sees them' })
  async record(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordMinutesDto,
  ): Promise<MinutesDto> {
    return minutesView(await this.minutes.record(actor, ability, id, body));
  }

  @Get('minutes')
  @Policy('read', 'Meeting', 'minutes.read')
  @ApiOkResponse({ type: MinutesDto })
  async readMinutes(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MinutesDto> {
    return minutesView(await this.minutes.read(actor, ability, id));
  }
}
