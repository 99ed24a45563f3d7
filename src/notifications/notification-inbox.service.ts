import { Injectable } from '@nestjs/common';
import { AppAbility } from '../access/ability';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Page } from '../database/pagination';
import { NotFoundError } from '../http/domain-errors';
import { NotificationQuery } from './dto/notification.dto';
import { Notification } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';

/** The caller's notifications (their own and their agency's): listed and marked read, each audited. */
@Injectable()
export class NotificationInboxService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(ability: AppAbility, query: NotificationQuery): Promise<Page<Notification>> {
    return this.notifications.transaction(async (manager) => {
      const page = await this.notifications.page(manager, ability, query);
      await this.audit.record(manager, {
        action: 'notification.list',
        outcome: 'allowed',
        details: { ids: page.items.map((row) => row.id) },
      });
      return page;
    });
  }

  markRead(ability: AppAbility, id: string): Promise<void> {
    return this.notifications.transaction(async (manager) => {
      const found = await this.notifications.findToUpdate(manager, ability, id);
      if (!found) throw new NotFoundError('notification');
      await this.notifications.markRead(manager, id, found.readAt ?? this.clock.now());
      await this.audit.record(manager, {
        action: 'notification.mark_read',
        resourceId: id,
        outcome: 'allowed',
      });
    });
  }
}
