import { Body, Controller, Get, Header, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import {
  CreateForumSeriesDto,
  CreateMeetingDto,
  ForumSeriesDto,
  MeetingDto,
  MeetingPageDto,
  MeetingParams,
  MeetingQuery,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { ForumSeriesService } from './forum-series.service';
import { meetingView } from './meeting-view';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly series: ForumSeriesService,
  ) {}

  @Post('meetings')
  @Policy('create', 'Meeting')
  @ApiCreatedResponse({ type: MeetingDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateMeetingDto,
  ): Promise<MeetingDto> {
    return meetingView(await this.meetings.create(actor, ability, body));
  }

  @Get('meetings')
  @Policy('read', 'Meeting')
  @ApiOkResponse({ type: MeetingPageDto })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: MeetingQuery): Promise<MeetingPageDto> {
    const page = await this.meetings.list(ability, query);
    return { items: page.items.map(meetingView), nextCursor: page.nextCursor };
  }

  @Get('meetings/:id')
  @Policy('read', 'Meeting')
  @ApiOkResponse({ type: MeetingDto })
  async get(@CurrentAbility() ability: AppAbility, @Param() params: MeetingParams): Promise<MeetingDto> {
    return meetingView(await this.meetings.read(ability, params.id));
  }

  @Patch('meetings/:id')
  @Policy('update', 'Meeting')
  @ApiOkResponse({ type: MeetingDto })
  async update(
    @CurrentAbility() ability: AppAbility,
    @Param() params: MeetingParams,
    @Body() body: UpdateMeetingDto,
  ): Promise<MeetingDto> {
    return meetingView(await this.meetings.update(ability, params.id, body));
  }

  @Get('meetings/:id/meeting.ics')
  @Policy('read', 'Meeting')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="meeting.ics"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar invitation (no subject data)', schema: { type: 'string' } })
  calendar(@CurrentAbility() ability: AppAbility, @Param() params: MeetingParams): Promise<string> {
    return this.meetings.calendar(ability, params.id);
  }

  @Post('forum-series')
  @Policy('create', 'Meeting')
  @ApiCreatedResponse({ type: ForumSeriesDto })
  async createSeries(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateForumSeriesDto,
  ): Promise<ForumSeriesDto> {
    const series = await this.series.create(actor, ability, body);
    return {
      id: series.id,
      districtId: series.districtId,
      rule: series.rule,
      timeZone: series.timeZone,
      upcoming: this.series.upcoming(series).map((start) => start.toISOString()),
    };
  }
}
