import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { trim } from '../../http/input-transforms';
import { IsFreeText, IsSingleLine } from '../../http/text-validators';
import { CONSENT_GIVERS, ConsentGiver } from '../consent.entity';

export class CreateConsentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({ enum: CONSENT_GIVERS })
  @IsIn(CONSENT_GIVERS)
  givenBy!: ConsentGiver;

  @ApiPropertyOptional({ description: 'Required when a guardian gives the consent' })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(200)
  guardianName?: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The agencies that may receive the data' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  agencyIds!: string[];

  @ApiProperty({ example: 'Mentor programme and parent guidance', maxLength: 2000 })
  @IsFreeText(2000)
  purpose!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Open-ended when absent', example: '2027-06-30T23:59:59Z' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'validUntil must be a time with its offset, such as 2027-06-30T23:59:59Z',
  })
  @IsISO8601({ strict: true }, { message: 'validUntil must be a real time' })
  validUntil?: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ enum: CONSENT_GIVERS })
  givenBy!: ConsentGiver;

  @ApiProperty({ type: String, nullable: true })
  guardianName!: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  agencyIds!: string[];

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ format: 'date-time' })
  givenAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  validUntil!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: string | null;

  @ApiProperty({ description: 'Neither withdrawn nor past its end, now' })
  active!: boolean;
}

export class ConsentListDto {
  @ApiProperty({ type: [ConsentDto] })
  items!: ConsentDto[];
}
