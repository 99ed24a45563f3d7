import { Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { InboxRepository } from './inbox.repository';
import { Inbox } from './inbox-vocabulary';

export interface InboxState {
  inbox: Inbox;
  seenAt: Date | null;
}

/** When the caller last looked at an inbox: what was sent or changed after it is new to them. */
@Injectable()
export class InboxService {
  constructor(
    private readonly repository: InboxRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  state(actor: Actor, inbox: Inbox): Promise<InboxState> {
    return this.repository.transaction(async (manager) => {
      const seenAt = await this.repository.lastSeen(manager, actor.id, inbox);
      await this.audit.record(manager, {
        action: 'inbox.read',
        resourceId: actor.id,
        outcome: 'allowed',
        details: { inbox },
      });
      return { inbox, seenAt };
    });
  }

  /** The caller looked at the inbox now: from here on, what is sent or changed is new to them, on any device. */
  markSeen(actor: Actor, inbox: Inbox): Promise<InboxState> {
    return this.repository.transaction(async (manager) => {
      const seenAt = await this.repository.markSeen(manager, actor.id, inbox, this.clock.now());
      await this.audit.record(manager, {
        action: 'inbox.mark_seen',
        resourceId: actor.id,
        outcome: 'allowed',
        details: { inbox },
      });
      return { inbox, seenAt };
    });
  }
}
