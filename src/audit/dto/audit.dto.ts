import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { IsSingleLine } from '../../http/text-validators';
import { FLAG_KINDS, FlagKind } from '../access-flag.entity';
import { AUDIT_ACTION_NAMES, AuditAction, RESOURCE_TYPES, ResourceType } from '../audit-actions';
import { CHAIN_PROBLEMS, ChainProblem } from '../chain-verifier';

class CheckpointSummaryDto {
  @ApiProperty({ description: 'Checkpoints the chain was held against' })
  checked!: number;

  @ApiProperty({ description: 'Whether they were read from outside the database (AUDIT_CHECKPOINT_DIR)' })
  external!: boolean;
}

export class VerifyResultDto {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'Links of the chain checked before the answer' })
  checked!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The first event the chain cannot vouch for' })
  firstBadEventId?: string;

  @ApiPropertyOptional({ enum: CHAIN_PROBLEMS, enumName: 'ChainProblem', description: 'What is wrong, when not ok' })
  problem?: ChainProblem;

  @ApiProperty({ type: CheckpointSummaryDto })
  checkpoints!: CheckpointSummaryDto;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One event by its own id, e.g. the first one the chain cannot vouch for',
  })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The actor’s agency' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({
    example: 'S-7K3Q9M',
    description: 'The subject by pseudonym, as the screens and reports show it',
  })
  @IsOptional()
  @IsSingleLine(40)
  pseudonym?: string;

  @ApiPropertyOptional({ enum: RESOURCE_TYPES, enumName: 'AuditResourceType' })
  @IsOptional()
  @IsIn(RESOURCE_TYPES)
  resourceType?: ResourceType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsSingleLine(80)
  resourceId?: string;

  @ApiPropertyOptional({
    enum: AUDIT_ACTION_NAMES,
    enumName: 'AuditAction',
    description: '`<resource type>.<verb>`; the outcome says whether it was allowed or denied',
  })
  @IsOptional()
  @IsIn(AUDIT_ACTION_NAMES)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: ['allowed', 'denied'] })
  @IsOptional()
  @IsIn(['allowed', 'denied'])
  outcome?: 'allowed' | 'denied';

  @ApiPropertyOptional({ format: 'date-time', description: 'From this time on (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorAgencyId!: string | null;

  @ApiProperty({ type: [String] })
  actorRoles!: string[];

  @ApiProperty({ enum: AUDIT_ACTION_NAMES, enumName: 'AuditAction' })
  action!: string;

  @ApiProperty({ enum: RESOURCE_TYPES, enumName: 'AuditResourceType' })
  resourceType!: string;

  @ApiProperty({ type: String, nullable: true })
  resourceId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  subjectId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The subject’s pseudonym (never the name)' })
  pseudonym!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why: a break-glass reason, for example' })
  purpose!: string | null;

  @ApiProperty({ enum: ['allowed', 'denied'] })
  outcome!: string;

  @ApiProperty({ enum: ['info', 'high'] })
  severity!: string;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ type: Object, description: 'Facts about the event: ids, changed field names, the view given' })
  details!: Record<string, unknown>;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  items!: AuditEventDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class FlagQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FLAG_KINDS })
  @IsOptional()
  @IsIn(FLAG_KINDS)
  kind?: FlagKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class WorkingHoursDto {
  @ApiProperty({ example: '07:00', description: 'Weekdays from (HH:MM, in timeZone)' })
  start!: string;

  @ApiProperty({ example: '18:00', description: 'Weekdays until (HH:MM, in timeZone)' })
  end!: string;

  @ApiProperty({ example: 'Europe/Oslo' })
  timeZone!: string;
}

export class AccessFlagDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: FLAG_KINDS })
  kind!: FlagKind;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'date-time' })
  windowStart!: string;

  @ApiProperty({ format: 'date-time' })
  windowEnd!: string;

  @ApiProperty({ description: 'Accesses (or, for many_subjects, distinct subjects) in the window' })
  count!: number;

  @ApiProperty({ description: 'How long the window is, in minutes (an hour, or a day in its time zone)' })
  windowMinutes!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The threshold in force when the flag was raised: many_subjects, more distinct subjects than this in the hour; repeated_refusals, this many refusals or more in the hour. Null for the kinds without one, and where it was not recorded (flags raised before it was kept)',
  })
  threshold!: number | null;

  @ApiProperty({
    type: () => WorkingHoursDto,
    nullable: true,
    description:
      'out_of_hours: the working hours and time zone in force when the flag was raised (null if not recorded)',
  })
  workingHours!: WorkingHoursDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AccessFlagPageDto {
  @ApiProperty({ type: [AccessFlagDto] })
  items!: AccessFlagDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
