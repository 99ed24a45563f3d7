import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
} from 'class-validator';
import { AGENCY_KINDS, AgencyKind } from '../../agencies/agency-kind';
import { PageQuery } from '../../database/pagination';
import { LOCALES, Locale } from '../locale';
import { ROLES, Role } from '../role';
import { toBoolean, trim } from '../../http/input-transforms';
import { IsEmailAddress, IsSingleLine } from '../../http/text-validators';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'kari.nordmann@politiet.example', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'Kari Nordmann', maxLength: 200 })
  @Transform(trim)
  @IsSingleLine(200)
  name!: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'Initial password, at least 12 characters' })
  @IsString()
  @Length(12, 200)
  password!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agencyId!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', default: [] })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  districtIds: string[] = [];

  @ApiPropertyOptional({ enum: LOCALES, default: 'nb', description: 'The language the user reads the web app in' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

/** Why an admin removes a user's second factor (a lost phone): recorded as the event's purpose. */
export class ResetSecondFactorDto {
  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why, read by the auditor' })
  @Transform(trim)
  @Length(10, 500)
  @IsSingleLine(500)
  reason!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  districtIds?: string[];

  @ApiPropertyOptional({ description: 'false deactivates the account; its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

export class AgencyRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;
}

export class DistrictRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'Europe/Oslo', description: 'The district’s time zone, in which its dates are shown' })
  timeZone!: string;
}

/** A user as the caller sees themselves (GET /me). */
export class ProfileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: AgencyRefDto })
  agency!: AgencyRefDto;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: Role[];

  @ApiProperty({ type: [DistrictRefDto] })
  districts!: DistrictRefDto[];

  @ApiProperty({ description: 'A confirmed TOTP second factor is set up' })
  mfaEnabled!: boolean;

  @ApiProperty({ enum: LOCALES, description: 'The language the user reads the web app in' })
  locale!: Locale;
}

/** The caller's own profile (GET /me), with what their session still lacks. */
export class MeDto extends ProfileDto {
  @ApiProperty({
    description:
      'A second factor is required for the caller’s roles (MFA_ENFORCED) and this session was not signed in with one: ' +
      'only enrolment is open until they sign in again with a code',
  })
  secondFactorRequired!: boolean;
}

/** What a user may change about themselves. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

/** A user as an admin sees them in the directory. */
export class UserDto extends ProfileDto {
  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
