import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, MinLength } from 'class-validator';
import { trim } from '../../http/input-transforms';
import { IsFreeText } from '../../http/text-validators';
import { BREAK_GLASS_REASONS, BreakGlassReason, REVIEW_OUTCOMES, ReviewOutcome } from '../break-glass-grant.entity';

export class BreakGlassRequestDto {
  @ApiProperty({ enum: ['concern'], description: 'A grant opens one concern (with its subject’s identity)' })
  @IsIn(['concern'])
  resourceType!: 'concern';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  resourceId!: string;

  @ApiProperty({ enum: BREAK_GLASS_REASONS })
  @IsIn(BREAK_GLASS_REASONS)
  reasonCode!: BreakGlassReason;

  @ApiProperty({ minLength: 20, maxLength: 2000, description: 'Why this record, now; read by the auditor' })
  @Transform(trim)
  @MinLength(20, { message: 'justification must be at least 20 characters' })
  @IsFreeText(2000)
  justification!: string;

  @ApiPropertyOptional({ description: 'A fresh one-time code, required where the user has a second factor' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp must be six digits' })
  totp?: string;
}

export class BreakGlassGrantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'uuid' })
  agencyId!: string;

  @ApiProperty({ enum: ['concern'] })
  resourceType!: string;

  @ApiProperty({ format: 'uuid' })
  resourceId!: string;

  @ApiProperty({ example: 'S-7K3Q9M' })
  pseudonym!: string;

  @ApiProperty({ enum: BREAK_GLASS_REASONS })
  reasonCode!: BreakGlassReason;

  @ApiProperty()
  justification!: string;

  @ApiProperty({ format: 'date-time' })
  grantedAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt!: string | null;

  @ApiProperty({ enum: REVIEW_OUTCOMES, nullable: true })
  reviewOutcome!: ReviewOutcome | null;

  @ApiProperty({ type: String, nullable: true })
  reviewNote!: string | null;
}

export class BreakGlassGrantListDto {
  @ApiProperty({ type: [BreakGlassGrantDto] })
  items!: BreakGlassGrantDto[];
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES })
  @IsIn(REVIEW_OUTCOMES)
  outcome!: ReviewOutcome;

  @ApiProperty({ maxLength: 5000 })
  @IsFreeText(5000)
  note!: string;
}
