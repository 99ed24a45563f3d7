import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { IsFreeText } from '../../http/text-validators';
import { AgendaItemDto } from './agenda.dto';

export class ActionItemInputDto {
  @ApiProperty({ format: 'uuid', description: 'A participant of the meeting or a coordinator of its district' })
  @IsUUID()
  ownerId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsFreeText(2000)
  text!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  dueAt!: string;
}

export class MinuteInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The agenda item decided on; none for any other business' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @ApiProperty({ maxLength: 10_000 })
  @IsFreeText(10_000)
  decision!: string;

  @ApiProperty({ type: [ActionItemInputDto], description: 'Each becomes a follow-up of its owner at once' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ActionItemInputDto)
  actions!: ActionItemInputDto[];
}

export class RecordMinutesDto {
  @ApiProperty({ type: [MinuteInputDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MinuteInputDto)
  items!: MinuteInputDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The participants who attended' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeIds?: string[];
}

class ActionOwnerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  agencyName!: string;
}

export class ActionItemDto {
  @ApiProperty({ format: 'uuid', description: 'The follow-up it became' })
  followUpId!: string;

  @ApiProperty({ type: ActionOwnerDto })
  owner!: ActionOwnerDto;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ enum: ['open', 'done', 'cancelled'] })
  state!: string;
}

export class MinuteDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: AgendaItemDto, nullable: true, description: 'Redacted for the reader like the agenda' })
  agendaItem!: AgendaItemDto | null;

  @ApiProperty()
  decision!: string;

  @ApiProperty({ format: 'uuid' })
  recordedById!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: [ActionItemDto] })
  actions!: ActionItemDto[];
}

class AttendanceDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  agencyName!: string;

  @ApiProperty({ type: Boolean, nullable: true })
  attended!: boolean | null;
}

export class MinutesDto {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ type: [AttendanceDto] })
  attendance!: AttendanceDto[];

  @ApiProperty({ type: [MinuteDto] })
  items!: MinuteDto[];
}
