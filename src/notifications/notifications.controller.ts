import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { NotificationPageDto, NotificationQuery } from './dto/notification.dto';
import { NotificationInboxService } from './notification-inbox.service';
import { notificationPageView } from './notification-view';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationInboxService) {}

  /** The caller's own notifications and their agency's, newest first. They hold ids only. */
  @Get()
  @Policy('read', 'Notification', 'notification.list')
  @ApiOkResponse({ type: NotificationPageDto })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: NotificationQuery): Promise<NotificationPageDto> {
    return notificationPageView(await this.inbox.list(ability, query));
  }

  @Post(':id/read')
  @HttpCode(204)
  @Policy('update', 'Notification', 'notification.mark_read')
  @ApiNoContentResponse({ description: 'Marked read' })
  markRead(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.inbox.markRead(ability, id);
  }
}
