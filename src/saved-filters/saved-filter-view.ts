import { Page } from '../database/pagination';
import { SavedFilterDto, SavedFilterPageDto } from './dto/saved-filter.dto';
import { SavedFilter } from './saved-filter.entity';

export function savedFilterView(filter: SavedFilter): SavedFilterDto {
  return {
    id: filter.id,
    name: filter.name,
    resource: filter.resource,
    query: filter.query,
    pinned: filter.pinned,
    lastSeenAt: filter.lastSeenAt?.toISOString() ?? null,
    createdAt: filter.createdAt.toISOString(),
    updatedAt: filter.updatedAt.toISOString(),
  };
}

export function savedFilterPageView(page: Page<SavedFilter>): SavedFilterPageDto {
  return { items: page.items.map(savedFilterView), nextCursor: page.nextCursor };
}
