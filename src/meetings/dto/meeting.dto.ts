import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';
import { AgencyRefDto } from '../../users/dto/user.dto';
import { IsTimeZone } from '../../http/time-zone.validator';
import { parseMonthlyRule } from '../recurrence';
import { MEETING_KINDS, MeetingKind } from '../meeting-vocabulary';

const IsMonthlyRule = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isMonthlyRule',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} must read like "first Tuesday 14:00" (first to fourth, or last)` },
    validator: { validate: (value: unknown) => typeof value === 'string' && parseMonthlyRule(value) !== null },
  });

class MeetingPlanDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The invited users; their agencies’ views follow' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantIds!: string[];

  @ApiPropertyOptional({ maxLength: 300, example: 'Grønland police station, room 4, or a video link' })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(300)
  location?: string;

  @ApiPropertyOptional({ minimum: 15, maximum: 480, default: 120 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;
}

export class CreateMeetingDto extends MeetingPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ format: 'date-time', description: 'With an offset or Z; stored in UTC' })
  @IsISO8601({ strict: true, strictSeparator: true })
  startsAt!: string;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Moving the meeting reschedules its agenda' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  startsAt?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantIds?: string[];

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(300)
  location?: string;

  @ApiProperty({ description: 'The version last read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class CreateForumSeriesDto extends MeetingPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId!: string;

  @ApiProperty({
    example: 'first Tuesday 14:00',
    description: 'first, second, third, fourth or last; a weekday; local time',
  })
  @Transform(trim)
  @IsMonthlyRule()
  rule!: string;

  @ApiPropertyOptional({ example: 'Europe/Oslo', description: 'Defaults to the district’s time zone' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

/** A series changed: what is given changes, and its meetings still to come (without minutes) follow. */
export class UpdateForumSeriesDto {
  @ApiPropertyOptional({
    example: 'first Wednesday 10:00',
    description: 'A new rule moves or replaces the meetings still to come',
  })
  @IsOptional()
  @Transform(trim)
  @IsMonthlyRule()
  rule?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The invited users of every meeting still to come',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantIds?: string[];

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(300)
  location?: string;

  @ApiPropertyOptional({ minimum: 15, maximum: 480 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-06-30',
    description:
      'Its last day (local date, today or later): the meetings still to come after it are cancelled and none is created; null: it goes on',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endsOn must be a date such as 2027-06-30' })
  endsOn?: string | null;
}

export class MeetingQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: AgencyRefDto })
  agency!: AgencyRefDto;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Recorded with the minutes' })
  attended!: boolean | null;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty({ format: 'date-time', description: 'UTC' })
  startsAt!: string;

  @ApiProperty({ example: '2027-01-05T14:00:00.000+01:00', description: 'The start in the meeting’s time zone' })
  localStartsAt!: string;

  @ApiProperty({ example: 'Europe/Oslo' })
  timeZone!: string;

  @ApiProperty()
  durationMinutes!: number;

  @ApiProperty({ type: String, nullable: true })
  location!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  seriesId!: string | null;

  @ApiProperty({ type: [ParticipantDto] })
  participants!: ParticipantDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  agendaGeneratedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the agenda was frozen (the start)',
  })
  agendaFrozenAt!: string | null;

  @ApiProperty()
  version!: number;
}

export class MeetingPageDto {
  @ApiProperty({ type: [MeetingDto] })
  items!: MeetingDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class ForumSeriesDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;

  @ApiProperty()
  rule!: string;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  participantIds!: string[];

  @ApiProperty({ type: String, nullable: true })
  location!: string | null;

  @ApiProperty()
  durationMinutes!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Its last day, if it ends' })
  endsOn!: string | null;

  @ApiProperty({ type: [String], format: 'date-time', description: 'The next starts the worker creates meetings for' })
  upcoming!: string[];
}

export class ForumSeriesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this district’s series' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class ForumSeriesListDto {
  @ApiProperty({ type: [ForumSeriesDto] })
  items!: ForumSeriesDto[];
}
