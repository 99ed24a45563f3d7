import { Injectable } from '@nestjs/common';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { concernFilterFor } from '../concerns/concern-filter';
import { SavedConcernFilterDto } from '../concerns/dto/concern.dto';
import { SavedFilter } from '../saved-filters/saved-filter.entity';
import { SavedFiltersRepository } from '../saved-filters/saved-filters.repository';
import { InboxRepository } from '../inbox/inbox.repository';
import { HomeRepository, WorkCounts } from './home.repository';

@Injectable()
export class HomeService {
  constructor(
    private readonly home: HomeRepository,
    private readonly savedFilters: SavedFiltersRepository,
    private readonly inboxes: InboxRepository,
    private readonly audit: AuditService,
  ) {}

  /** The caller's counts, in one read transaction: their pinned queues and last look at the inbox, then every count in one query. */
  work(actor: Actor, ability: AppAbility): Promise<WorkCounts & { pinned: SavedFilter[] }> {
    return this.savedFilters.transaction(async (manager) => {
      const pinned = await this.savedFilters.pinned(manager, actor.id);
      const inboxSeenAt = await this.inboxes.lastSeen(manager, actor.id, 'referrals');
      const counts = await this.home.counts(
        manager,
        ability,
        actor,
        pinned.map((filter) => ({
          id: filter.id,
          filter: concernFilterFor(filter.query as SavedConcernFilterDto, actor.id),
          lastSeenAt: filter.lastSeenAt,
        })),
        inboxSeenAt,
      );
      await this.audit.record(manager, {
        action: 'profile.read_work',
        resourceId: actor.id,
        outcome: 'allowed',
        details: { queues: pinned.length },
      });
      return { ...counts, pinned };
    });
  }
}
