import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { PageQuery } from '../database/pagination';
import { CreateSavedFilterDto, SavedFilterDto, SavedFilterPageDto, UpdateSavedFilterDto } from './dto/saved-filter.dto';
import { savedFilterPageView, savedFilterView } from './saved-filter-view';
import { SavedFiltersService } from './saved-filters.service';

/** Saved filters of the concerns list: whoever may list concerns keeps their own, and sees no one else's. */
@ApiTags('saved-filters')
@ApiBearerAuth()
@Controller('api/v1/saved-filters')
export class SavedFiltersController {
  constructor(private readonly filters: SavedFiltersService) {}

  @Get()
  @Policy('read', 'Concern', 'saved_filter.list')
  @ApiOkResponse({ type: SavedFilterPageDto, description: 'The caller’s own saved filters, oldest first' })
  async list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<SavedFilterPageDto> {
    return savedFilterPageView(await this.filters.list(actor, page));
  }

  @Post()
  @Policy('read', 'Concern', 'saved_filter.create')
  @ApiCreatedResponse({ type: SavedFilterDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateSavedFilterDto): Promise<SavedFilterDto> {
    return savedFilterView(await this.filters.create(actor, body));
  }

  @Patch(':id')
  @Policy('read', 'Concern', 'saved_filter.update')
  @ApiOkResponse({ type: SavedFilterDto })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSavedFilterDto,
  ): Promise<SavedFilterDto> {
    return savedFilterView(await this.filters.update(actor, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Policy('read', 'Concern', 'saved_filter.delete')
  @ApiNoContentResponse({ description: 'The saved filter is gone' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.filters.remove(actor, id);
  }

  @Post(':id/seen')
  @HttpCode(200)
  @Policy('read', 'Concern', 'saved_filter.mark_seen')
  @ApiOkResponse({ type: SavedFilterDto, description: 'Its `lastSeenAt` is now: what comes after is new' })
  async seen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SavedFilterDto> {
    return savedFilterView(await this.filters.markSeen(actor, id));
  }
}
