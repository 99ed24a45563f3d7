import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { VERIFICATION_STATES, VerificationState } from '../audit-verification.entity';

export class VerificationCheckpointDto {
  @ApiProperty({ description: 'The link of the chain it sealed' })
  seq!: number;

  @ApiProperty({ format: 'uuid', description: 'The event of that link' })
  eventId!: string;

  @ApiProperty({ description: 'The chain hash it sealed (hex)' })
  hash!: string;

  @ApiProperty({ format: 'date-time' })
  sealedAt!: string;
}

export class AuditVerificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: VERIFICATION_STATES,
    enumName: 'AuditVerificationState',
    description: 'queued, running (see checked of total), finished (see intact), failed (no verdict: start another)',
  })
  state!: VerificationState;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who asked for it; null: the system' })
  startedBy!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When it was asked for' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ description: 'Links of the chain checked so far' })
  checked!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Links to check (known once it runs)' })
  total!: number | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'The verdict once finished: the trail is intact' })
  intact!: boolean | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The first event it cannot vouch for' })
  firstBadEventId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What is wrong (a ChainProblem) when not intact; job_failed or job_lost when it failed',
  })
  problem!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Checkpoints read from outside the database' })
  checkpointsExternal!: boolean | null;

  @ApiProperty({ type: Number, nullable: true, description: 'How many checkpoints it held the chain against' })
  checkpointsChecked!: number | null;

  @ApiProperty({
    type: VerificationCheckpointDto,
    nullable: true,
    description: 'The last checkpoint it relied on (none sealed yet: null)',
  })
  lastCheckpoint!: VerificationCheckpointDto | null;
}

export class AuditVerificationListDto {
  @ApiProperty({ type: [AuditVerificationDto] })
  items!: AuditVerificationDto[];
}

export class VerificationListQuery {
  @ApiProperty({ required: false, minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
