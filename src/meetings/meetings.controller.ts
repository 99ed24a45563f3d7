import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
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
  ForumSeriesListDto,
  ForumSeriesQuery,
  MeetingQuery,
  UpdateForumSeriesDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { ForumSeriesService } from './forum-series.service';
import { forumSeriesView, meetingCalendarView, meetingPageView, meetingView } from './meeting-view';
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
  @Policy('create', 'Meeting', 'meeting.create')
  @ApiCreatedResponse({ type: MeetingDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateMeetingDto,
  ): Promise<MeetingDto> {
    return meetingView(await this.meetings.create(actor, ability, body));
  }

  @Get('meetings')
  @Policy('read', 'Meeting', 'meeting.list')
  @ApiOkResponse({ type: MeetingPageDto })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: MeetingQuery): Promise<MeetingPageDto> {
    return meetingPageView(await this.meetings.list(ability, query));
  }

  @Get('meetings/:id')
  @Policy('read', 'Meeting', 'meeting.read')
  @ApiOkResponse({ type: MeetingDto })
  async get(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingDto> {
    return meetingView(await this.meetings.read(ability, id));
  }

  @Patch('meetings/:id')
  @Policy('update', 'Meeting', 'meeting.update')
  @ApiOkResponse({ type: MeetingDto })
  async update(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMeetingDto,
  ): Promise<MeetingDto> {
    return meetingView(await this.meetings.update(ability, id, body));
  }

  @Get('meetings/:id/meeting.ics')
  @Policy('read', 'Meeting', 'meeting.export')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="meeting.ics"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar invitation (no subject data)', schema: { type: 'string' } })
  async calendar(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<string> {
    return meetingCalendarView(await this.meetings.calendar(actor, ability, id));
  }

  @Post('forum-series')
  @Policy('create', 'Meeting', 'forum_series.create')
  @ApiCreatedResponse({ type: ForumSeriesDto })
  async createSeries(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateForumSeriesDto,
  ): Promise<ForumSeriesDto> {
    return forumSeriesView(await this.series.create(actor, ability, body));
  }

  @Get('forum-series')
  @Policy('read', 'Meeting', 'forum_series.read')
  @ApiOkResponse({ type: ForumSeriesListDto, description: 'The series of the districts the caller coordinates' })
  async listSeries(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Query() query: ForumSeriesQuery,
  ): Promise<ForumSeriesListDto> {
    return { items: (await this.series.list(ability, actor, query.districtId)).map(forumSeriesView) };
  }

  @Get('forum-series/:id')
  @Policy('read', 'Meeting', 'forum_series.read')
  @ApiOkResponse({ type: ForumSeriesDto })
  async readSeries(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ForumSeriesDto> {
    return forumSeriesView(await this.series.read(ability, id));
  }

  @Patch('forum-series/:id')
  @Policy('update', 'Meeting', 'forum_series.update')
  @ApiOkResponse({
    type: ForumSeriesDto,
    description:
      'Changed or ended (endsOn); its meetings still to come without minutes follow: moved, changed, cancelled or created',
  })
  async updateSeries(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateForumSeriesDto,
  ): Promise<ForumSeriesDto> {
    return forumSeriesView(await this.series.update(ability, id, body));
  }
}
