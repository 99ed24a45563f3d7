import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsTimeZone } from '../../http/time-zone.validator';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';

const EMERGENCY_POLICE = {
  format: 'uuid',
  nullable: true,
  type: String,
  description:
    'The police agency (serving this district or the whole city) that receives its immediate-danger alerts and may open those concerns, on vital interest. Cannot be cleared once the district has concerns.',
} as const;

export class CreateDistrictDto {
  @ApiProperty({ example: 'Grorud', minLength: 1, maxLength: 120 })
  @Transform(trim)
  @IsSingleLine(120)
  name!: string;

  @ApiPropertyOptional({
    example: 'Europe/Oslo',
    description: 'Where its meetings’ times are read; default Europe/Oslo',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional(EMERGENCY_POLICE)
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  emergencyPoliceAgencyId?: string | null;
}

export class UpdateDistrictDto {
  @ApiPropertyOptional({ example: 'Grorud', minLength: 1, maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(120)
  name?: string;

  @ApiPropertyOptional({
    example: 'Europe/Helsinki',
    description:
      'Where its new meetings’ times, working days and follow-up days are read from now on. Meetings already arranged keep their instant and their own zone; a follow-up already due keeps its time.',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional(EMERGENCY_POLICE)
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  emergencyPoliceAgencyId?: string | null;
}

export class DistrictDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'Europe/Oslo' })
  timeZone!: string;

  @ApiProperty({ ...EMERGENCY_POLICE, description: 'The police agency that receives its emergencies, if named' })
  emergencyPoliceAgencyId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DistrictPageDto {
  @ApiProperty({ type: [DistrictDto] })
  items!: DistrictDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
