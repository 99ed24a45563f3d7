import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENDA_STEP, TIMELINE_ACTIONS, TimelineKind } from '../timeline.repository';

const KINDS = [...TIMELINE_ACTIONS, AGENDA_STEP];

export class TimelineActorDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  agencyName!: string | null;
}

export class TimelineReferralDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The receiving agency' })
  toAgencyName!: string | null;
}

export class TimelineMeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;
}

/**
 * One step of what happened to a concern. A step the reader may not see is a placeholder: its kind
 * and time, `redacted: true`, nothing else — so redaction shows, it does not hide that something happened.
 */
export class TimelineStepDto {
  @ApiProperty({ enum: KINDS, description: 'The audit trail’s name for what happened' })
  kind!: TimelineKind;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'True when the step is not the reader’s to see: only its kind and time are given' })
  redacted!: boolean;

  @ApiPropertyOptional({ description: 'True when the system did it (a job, an expiry), not a person' })
  bySystem?: boolean;

  @ApiPropertyOptional({ type: TimelineActorDto, nullable: true, description: 'Who did it; null when the system did' })
  actor?: TimelineActorDto | null;

  @ApiPropertyOptional({ description: 'A triage’s or a referral’s outcome, where the reader may see it' })
  outcome?: string;

  @ApiPropertyOptional({ type: TimelineReferralDto })
  referral?: TimelineReferralDto;

  @ApiPropertyOptional({ format: 'uuid' })
  followUpId?: string;

  @ApiPropertyOptional({ type: TimelineMeetingDto })
  meeting?: TimelineMeetingDto;
}

export class TimelineDto {
  @ApiProperty({ format: 'uuid' })
  concernId!: string;

  @ApiProperty({ description: 'True when the reader sees the concern itself as a stub' })
  redacted!: boolean;

  @ApiProperty({ type: [TimelineStepDto], description: 'Oldest first' })
  steps!: TimelineStepDto[];
}
