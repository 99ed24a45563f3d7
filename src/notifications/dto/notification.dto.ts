import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Transform } from 'class-transformer';
import { PageQuery } from '../../database/pagination';
import { toBoolean } from '../../http/input-transforms';
import {
  NOTIFICATION_KIND_NAMES,
  NOTIFICATION_RESOURCE_TYPES,
  NotificationKind,
  NotificationResourceType,
} from '../notification-kinds';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false])
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: NOTIFICATION_KIND_NAMES,
    enumName: 'NotificationKind',
    description: '`<resource type>.<verb>`: what happened to the record, named as its audit action where it has one',
  })
  kind!: NotificationKind;

  @ApiProperty()
  urgent!: boolean;

  @ApiProperty({ enum: NOTIFICATION_RESOURCE_TYPES, description: 'The kind of record it is about: the kind’s prefix' })
  resourceType!: NotificationResourceType;

  @ApiProperty({ format: 'uuid' })
  resourceId!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  items!: NotificationDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
