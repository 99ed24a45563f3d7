import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { CreatedSubjectDto, CreateSubjectDto, LinkSubjectDto, SubjectDto, SubjectLinkDto } from './dto/subject.dto';
import { createdSubjectView, linkView, subjectView } from './subject-view';
import { SubjectsService } from './subjects.service';

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('api/v1/subjects')
export class SubjectsController {
  constructor(
    private readonly subjects: SubjectsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Policy('create', 'Subject', 'subject.create')
  @ApiCreatedResponse({ type: CreatedSubjectDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateSubjectDto,
  ): Promise<CreatedSubjectDto> {
    const { subject, possibleDuplicates } = await this.subjects.register(actor, ability, body);
    return createdSubjectView(subject, possibleDuplicates, this.clock.now());
  }

  @Get(':id')
  @Policy('read', 'Subject', 'subject.read')
  @ApiOkResponse({ type: SubjectDto })
  async get(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<SubjectDto> {
    const { subject, identityVisible, links } = await this.subjects.read(ability, id);
    return subjectView(subject, identityVisible, this.clock.now(), links);
  }

  @Post(':id/links')
  @Policy('link', 'Subject', 'subject.link')
  @ApiCreatedResponse({ type: SubjectLinkDto })
  async link(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkSubjectDto,
  ): Promise<SubjectLinkDto> {
    return linkView(await this.subjects.link(ability, actor, id, body));
  }

  @Delete(':id/links/:linkId')
  @HttpCode(204)
  @Policy('link', 'Subject', 'subject.unlink')
  @ApiNoContentResponse({ description: 'The link is removed (kept in the audit trail)' })
  async unlink(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('linkId', ParseUUIDPipe) linkId: string,
  ): Promise<void> {
    await this.subjects.unlink(ability, actor, id, linkId);
  }
}
