import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { isIsoTime, paginate } from '../database/pagination';
import { NotFoundError } from '../http/domain-errors';
import { NotificationPageDto, NotificationQuery } from './dto/notification.dto';
import { Notification } from './notification.entity';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The caller's own notifications and their agency's, newest first. They hold ids only. */
  @Get()
  @Policy('read', 'Notification')
  @ApiOkResponse({ type: NotificationPageDto })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: NotificationQuery): Promise<NotificationPageDto> {
    const builder = this.visible(ability, 'read');
    if (query.unread) builder.andWhere('notification.readAt IS NULL');
    const page = await paginate(builder, query, {
      column: 'createdAt',
      direction: 'DESC',
      keyOf: (row) => row.createdAt.toISOString(),
      keyIsValid: isIsoTime,
    });
    return {
      items: page.items.map((row) => ({
        id: row.id,
        kind: row.kind,
        urgent: row.urgent,
        resourceType: row.resourceType,
        resourceId: row.resourceId,
        createdAt: row.createdAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  @Post(':id/read')
  @HttpCode(204)
  @Policy('update', 'Notification')
  @ApiNoContentResponse({ description: 'Marked read' })
  async markRead(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const found = await this.visible(ability, 'update').andWhere('notification.id = :id', { id }).getOne();
    if (!found) throw new NotFoundError('notification');
    await this.dataSource.getRepository(Notification).update({ id }, { readAt: found.readAt ?? this.clock.now() });
  }

  private visible(ability: AppAbility, action: 'read' | 'update') {
    const access = accessSql(ability, action, 'Notification', {
      alias: 'notification',
      columns: entityColumns(this.dataSource, Notification),
    });
    return this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('notification')
      .where(access.sql, access.params);
  }
}
