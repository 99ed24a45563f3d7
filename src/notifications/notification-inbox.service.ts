import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { isIsoTime, Page, paginate } from '../database/pagination';
import { NotFoundError } from '../http/domain-errors';
import { NotificationQuery } from './dto/notification.dto';
import { Notification } from './notification.entity';

/** The caller's notifications (their own and their agency's): listed and marked read, each audited. */
@Injectable()
export class NotificationInboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(ability: AppAbility, query: NotificationQuery): Promise<Page<Notification>> {
    return this.dataSource.transaction(async (manager) => {
      const builder = this.visible(
        manager.getRepository(Notification).createQueryBuilder('notification'),
        ability,
        'read',
      );
      if (query.unread) builder.andWhere('notification.readAt IS NULL');
      const page = await paginate(builder, query, {
        column: 'createdAt',
        direction: 'DESC',
        keyOf: (row) => row.createdAt.toISOString(),
        keyIsValid: isIsoTime,
      });
      await this.audit.record(manager, {
        action: 'notification.listed',
        resourceType: 'Notification',
        outcome: 'allowed',
        details: { ids: page.items.map((row) => row.id) },
      });
      return page;
    });
  }

  markRead(ability: AppAbility, id: string): Promise<void> {
    return this.audit.refusalsRecorded('notification.marked_read', 'Notification', id, () =>
      this.dataSource.transaction(async (manager) => {
        const found = await this.visible(
          manager.getRepository(Notification).createQueryBuilder('notification'),
          ability,
          'update',
        )
          .andWhere('notification.id = :id', { id })
          .getOne();
        if (!found) throw new NotFoundError('notification');
        await manager.update(Notification, { id }, { readAt: found.readAt ?? this.clock.now() });
        await this.audit.record(manager, {
          action: 'notification.marked_read',
          resourceType: 'Notification',
          resourceId: id,
          outcome: 'allowed',
        });
      }),
    );
  }

  private visible(builder: SelectQueryBuilder<Notification>, ability: AppAbility, action: 'read' | 'update') {
    const access = accessSql(ability, action, 'Notification', {
      alias: 'notification',
      columns: entityColumns(this.dataSource, Notification),
    });
    return builder.where(access.sql, access.params);
  }
}
