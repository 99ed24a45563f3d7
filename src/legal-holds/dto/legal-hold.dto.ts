import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { toBoolean, trim } from '../../http/input-transforms';
import { IsFreeText } from '../../http/text-validators';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class PlaceLegalHoldDto {
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'Why the records must be kept; the auditor reads it' })
  @Transform(trim)
  @MinLength(10, { message: 'reason must be at least 10 characters' })
  @IsFreeText(2000)
  reason!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When the hold lapses on its own: in the future, at most 10 years ahead',
    example: '2028-06-30T23:59:59Z',
  })
  @Matches(DATE_TIME, { message: 'until must be a time with its offset, such as 2028-06-30T23:59:59Z' })
  @IsISO8601({ strict: true }, { message: 'until must be a real time' })
  until!: string;
}

export class LiftLegalHoldDto {
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'Why the hold is no longer needed' })
  @Transform(trim)
  @MinLength(10, { message: 'reason must be at least 10 characters' })
  @IsFreeText(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The version last read; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class LegalHoldQueryDto extends PageQuery {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only active holds (true), or only lifted and lapsed ones (false)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false])
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class LegalHoldAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class LegalHoldPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: LegalHoldAgencyDto })
  agency!: LegalHoldAgencyDto;
}

/** A hold: whose (by pseudonym, never by name), why, by whom, until when. Never any case content. */
export class LegalHoldDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ example: 'S-7K3Q9M' })
  pseudonym!: string;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ type: LegalHoldPersonDto })
  placedBy!: LegalHoldPersonDto;

  @ApiProperty({ format: 'date-time' })
  placedAt!: string;

  @ApiProperty({ format: 'date-time' })
  until!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  liftedAt!: string | null;

  @ApiProperty({ type: LegalHoldPersonDto, nullable: true })
  liftedBy!: LegalHoldPersonDto | null;

  @ApiProperty({ type: String, nullable: true })
  liftReason!: string | null;

  @ApiProperty({ description: 'Not lifted and not past `until`, now' })
  active!: boolean;

  @ApiProperty()
  version!: number;
}

export class LegalHoldListDto {
  @ApiProperty({ type: [LegalHoldDto] })
  items!: LegalHoldDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}
