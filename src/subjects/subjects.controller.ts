import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { CreatedSubjectDto, CreateSubjectDto, LinkSubjectDto, SubjectDto, SubjectLinkDto } from './dto/subject.dto';
import { subjectView } from './subject-view';
import { SubjectsService } from './subjects.service';

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('api/v1/subjects')
export class SubjectsController {
  constructor(
    private readonly subjects: SubjectsService,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Policy('create', 'Subject')
  @ApiCreatedResponse({ type: CreatedSubjectDto })
  async create(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateSubjectDto,
  ): Promise<CreatedSubjectDto> {
    const { subject, possibleDuplicates } = await this.dataSource.transaction((manager) =>
      this.subjects.create(manager, actor, ability, body),
    );
    return { ...subjectView(subject, true), possibleDuplicates };
  }

  @Get(':id')
  @Policy('read', 'Subject')
  @ApiOkResponse({ type: SubjectDto })
  async get(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<SubjectDto> {
    const { subject, identityVisible, links } = await this.subjects.read(ability, id);
    return subjectView(subject, identityVisible, links);
  }

  @Post(':id/links')
  @Policy('link', 'Subject')
  @ApiCreatedResponse({ type: SubjectLinkDto })
  async link(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkSubjectDto,
  ): Promise<SubjectLinkDto> {
    const link = await this.subjects.link(ability, actor, id, body);
    const { subject } = await this.subjects.read(ability, body.otherSubjectId);
    return {
      id: link.id,
      other: { id: subject.id, pseudonym: subject.pseudonym, districtId: subject.districtId },
      createdAt: link.createdAt.toISOString(),
    };
  }

  @Delete(':id/links/:linkId')
  @HttpCode(204)
  @Policy('link', 'Subject')
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
