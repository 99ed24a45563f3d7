import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { SubjectSearchQuery, SubjectSearchResultDto } from './dto/subject-search.dto';
import { subjectHitView } from './subject-search-view';
import { SubjectSearchService } from './subject-search.service';

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('api/v1/subjects')
export class SubjectSearchController {
  constructor(
    private readonly search: SubjectSearchService,
    private readonly clock: Clock,
  ) {}

  /** Find before register: subjects the caller may know exist, whose name (and birth date) match, best first. */
  @Get()
  @Policy('read', 'Subject', 'subject.search')
  @ApiOkResponse({ type: SubjectSearchResultDto })
  async find(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Query() query: SubjectSearchQuery,
  ): Promise<SubjectSearchResultDto> {
    const { hits, nextCursor } = await this.search.search(actor, ability, query);
    const now = this.clock.now();
    return { items: hits.map((hit) => subjectHitView(hit, now)), nextCursor };
  }
}
