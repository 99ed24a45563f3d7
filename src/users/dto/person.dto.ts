import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';
import { CASE_ROLES, Role } from '../role';
import { AgencyRefDto } from './user.dto';

/** The people directory's filters; each narrows what the caller may see, none widens it. */
export class PersonQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'People of this district: of an agency serving it, or scoped to it. With a district-scoped role ' +
      '(coordinator, forum_member), only those scoped to it. A district the caller does not coordinate gives an empty page',
  })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ enum: CASE_ROLES, description: 'Holds this case role' })
  @IsOptional()
  @IsIn(CASE_ROLES)
  role?: Role;

  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name, any case' })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(100)
  q?: string;
}

/** A colleague as the directory shows them: who, of which agency, which case roles; nothing else. */
export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: AgencyRefDto })
  agency!: AgencyRefDto;

  @ApiProperty({ enum: CASE_ROLES, isArray: true, description: 'Their case roles only (never admin or auditor)' })
  roles!: Role[];
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonDto] })
  items!: PersonDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
