import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Page, PageQuery } from '../database/pagination';
import { isUniqueViolation } from '../database/postgres-errors';
import { BusinessRuleError, ConflictError, NotFoundError } from '../http/domain-errors';
import { CreateSavedFilterDto, UpdateSavedFilterDto } from './dto/saved-filter.dto';
import { SavedFilter } from './saved-filter.entity';
import { MAX_PINNED_FILTERS, MAX_SAVED_FILTERS } from './saved-filter-vocabulary';
import { SavedFilterChanges, SavedFiltersRepository } from './saved-filters.repository';

/** A filter's query as stored: only the filters set, so an empty field is never kept. */
function storedQuery(query: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** A user's saved filters: theirs alone, every change audited in its transaction. */
@Injectable()
export class SavedFiltersService {
  constructor(
    private readonly repository: SavedFiltersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor, page: PageQuery): Promise<Page<SavedFilter>> {
    return this.repository.transaction(async (manager) => {
      const found = await this.repository.page(manager, actor.id, page);
      await this.audit.record(manager, {
        action: 'saved_filter.list',
        outcome: 'allowed',
        details: { count: found.items.length },
      });
      return found;
    });
  }

  async create(actor: Actor, input: CreateSavedFilterDto): Promise<SavedFilter> {
    return this.named(async () =>
      this.repository.transaction(async (manager) => {
        const counts = await this.repository.countOwned(manager, actor.id);
        if (counts.all >= MAX_SAVED_FILTERS) {
          throw new BusinessRuleError(`You may keep at most ${MAX_SAVED_FILTERS} saved filters`, 'too-many-filters');
        }
        if (input.pinned && counts.pinned >= MAX_PINNED_FILTERS) throw tooManyPinned();
        const created = await this.repository.insert(manager, {
          ownerId: actor.id,
          name: input.name,
          resource: input.resource,
          query: storedQuery(input.query),
          pinned: input.pinned ?? false,
        });
        await this.audit.record(manager, {
          action: 'saved_filter.create',
          resourceId: created.id,
          outcome: 'allowed',
          details: { pinned: created.pinned },
        });
        return created;
      }),
    );
  }

  async update(actor: Actor, id: string, input: UpdateSavedFilterDto): Promise<SavedFilter> {
    return this.named(() =>
      this.changing(actor, id, async (manager, filter) => {
        const changes: SavedFilterChanges = {};
        if (input.name !== undefined) changes.name = input.name;
        if (input.query !== undefined) changes.query = storedQuery(input.query);
        if (input.pinned !== undefined) changes.pinned = input.pinned;
        if (changes.pinned && !filter.pinned) {
          const counts = await this.repository.countOwned(manager, actor.id);
          if (counts.pinned >= MAX_PINNED_FILTERS) throw tooManyPinned();
        }
        const updated = Object.keys(changes).length ? await this.repository.update(manager, id, changes) : filter;
        await this.audit.record(manager, {
          action: 'saved_filter.update',
          resourceId: id,
          outcome: 'allowed',
          details: { changed: Object.keys(changes) },
        });
        return updated;
      }),
    );
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.changing(actor, id, async (manager, filter) => {
      await this.repository.remove(manager, id);
      await this.audit.record(manager, { action: 'saved_filter.delete', resourceId: id, outcome: 'allowed' });
      return filter;
    });
  }

  /** The owner looked at the queue now: from here on, what is logged or changed is new to them. */
  async markSeen(actor: Actor, id: string): Promise<SavedFilter> {
    return this.changing(actor, id, async (manager) => {
      const seen = await this.repository.update(manager, id, { lastSeenAt: this.clock.now() });
      await this.audit.record(manager, { action: 'saved_filter.mark_seen', resourceId: id, outcome: 'allowed' });
      return seen;
    });
  }

  /** One of the caller's own filters, locked, then `change` in the same transaction; another's is a 404. */
  private changing(
    actor: Actor,
    id: string,
    change: (manager: EntityManager, filter: SavedFilter) => Promise<SavedFilter>,
  ): Promise<SavedFilter> {
    return this.repository.transaction(async (manager) => {
      const filter = await this.repository.findOwnedForUpdate(manager, actor.id, id);
      if (!filter) throw new NotFoundError('saved filter');
      return change(manager, filter);
    });
  }

  private async named<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_saved_filters_owner_name')) {
        throw new ConflictError('You already have a saved filter of that name', 'duplicate');
      }
      throw error;
    }
  }
}

const tooManyPinned = () =>
  new BusinessRuleError(`At most ${MAX_PINNED_FILTERS} filters may be pinned`, 'too-many-pinned', [
    { field: 'pinned', message: `unpin another first (at most ${MAX_PINNED_FILTERS})` },
  ]);
