import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { IsFreeText } from '../../http/text-validators';
import { FOLLOW_UP_STATES, FollowUpState } from '../follow-up.entity';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_MESSAGE = 'must be a time with its offset, such as 2027-01-15T09:00:00Z';

export class CreateFollowUpDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The referral this task belongs to, if any' })
  @IsOptional()
  @IsUUID()
  referralId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsFreeText(2000)
  text!: string;

  @ApiProperty({ format: 'date-time' })
  @Matches(TIME, { message: `dueAt ${TIME_MESSAGE}` })
  @IsISO8601({ strict: true })
  dueAt!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Default: one day before dueAt, at the same wall-clock time in the district’s time zone. A time already past is sent at once (remindAt is then the time of creation).',
  })
  @IsOptional()
  @Matches(TIME, { message: `remindAt ${TIME_MESSAGE}` })
  @IsISO8601({ strict: true })
  remindAt?: string;
}

/** A follow-up's due time moved: its reminder follows (one day before, or at once when that has passed). */
export class MoveFollowUpDto {
  @ApiProperty({ format: 'date-time' })
  @Matches(TIME, { message: `dueAt ${TIME_MESSAGE}` })
  @IsISO8601({ strict: true })
  dueAt!: string;

  @ApiProperty({ description: 'The version read: 409 when it has changed since' })
  @IsInt()
  @Min(1)
  version!: number;
}

export const FOLLOW_UP_VIEWS = ['open', 'overdue', 'done', 'cancelled'] as const;

export class FollowUpQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['me'], default: 'me' })
  @IsOptional()
  @IsIn(['me'])
  owner?: 'me';

  @ApiPropertyOptional({ enum: FOLLOW_UP_VIEWS, description: '`overdue`: open and past due' })
  @IsOptional()
  @IsIn(FOLLOW_UP_VIEWS)
  state?: (typeof FOLLOW_UP_VIEWS)[number];
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  kind!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  referralId!: string | null;

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time' })
  remindAt!: string;

  @ApiProperty({ enum: FOLLOW_UP_STATES })
  state!: FollowUpState;

  @ApiProperty({ description: 'Open and past due' })
  overdue!: boolean;

  @ApiProperty()
  escalationLevel!: number;

  @ApiProperty()
  version!: number;
}

export class FollowUpPageDto {
  @ApiProperty({ type: [FollowUpDto] })
  items!: FollowUpDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
