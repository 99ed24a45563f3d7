import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { AGENCY_KINDS, AgencyKind } from '../agency-kind';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Oslo police district, East', maxLength: 200 })
  @Transform(trim)
  @IsSingleLine(200)
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS)
  kind!: AgencyKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The one district the agency serves, if any' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  districtId?: string | null;
}

export class UpdateAgencyDto extends PartialType(CreateAgencyDto) {}

export class AgencyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class AgencyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  districtId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class AgencyPageDto {
  @ApiProperty({ type: [AgencyDto] })
  items!: AgencyDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
