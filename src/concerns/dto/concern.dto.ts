import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { IsFreeText } from '../../http/text-validators';
import { CreateSubjectDto, SubjectDto } from '../../subjects/dto/subject.dto';
import { AgencyRefDto } from '../../users/dto/user.dto';
import {
  CLASSIFICATIONS,
  Classification,
  CONCERN_CATEGORIES,
  CONCERN_SORTS,
  CONCERN_SOURCES,
  CONCERN_STAGES,
  CONCERN_STATUSES,
  ConcernCategory,
  ConcernSort,
  ConcernSource,
  ConcernStage,
  ConcernStatus,
  RISK_LEVELS,
  RiskLevel,
  TRIAGE_OUTCOMES,
  TriageOutcome,
} from '../concern-vocabulary';

export const NARRATIVE_MAX_CHARACTERS = 20_000;

export class CreateConcernDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing subject; or give `subject` to register one' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ type: CreateSubjectDto, description: 'A new subject, registered with the concern' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateSubjectDto)
  subject?: CreateSubjectDto;

  @ApiProperty({ enum: CONCERN_CATEGORIES })
  @IsIn(CONCERN_CATEGORIES)
  category!: ConcernCategory;

  @ApiProperty({ maxLength: NARRATIVE_MAX_CHARACTERS, description: 'What was seen or heard, in the reporter’s words' })
  @IsFreeText(NARRATIVE_MAX_CHARACTERS)
  narrative!: string;

  @ApiProperty({ enum: CONCERN_SOURCES })
  @IsIn(CONCERN_SOURCES)
  source!: ConcernSource;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  riskLevel!: RiskLevel;

  @ApiPropertyOptional({
    enum: CLASSIFICATIONS,
    description:
      'Default: agency_restricted for police and health agencies (who may not choose otherwise), else coordination',
  })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;
}

export class UpdateConcernDto extends PartialType(OmitType(CreateConcernDto, ['subjectId', 'subject'] as const)) {
  @ApiProperty({ description: 'The version last read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class TriageConcernDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  @IsIn(TRIAGE_OUTCOMES)
  outcome!: TriageOutcome;

  @ApiProperty({ maxLength: 5000, description: 'For coordinators; the reporter sees only the resulting status' })
  @IsFreeText(5000)
  note!: string;
}

export class ConcernQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONCERN_STATUSES })
  @IsOptional()
  @IsIn(CONCERN_STATUSES)
  status?: ConcernStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: CONCERN_CATEGORIES })
  @IsOptional()
  @IsIn(CONCERN_CATEGORIES)
  category?: ConcernCategory;

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ enum: ['me'], description: 'Only the concerns the caller logged (“My concerns”)' })
  @IsOptional()
  @IsIn(['me'])
  reporter?: 'me';

  @ApiPropertyOptional({
    enum: CONCERN_SORTS,
    default: 'newest',
    description: '`newest`: newest first; `intake`: highest risk first, then oldest first (how long each has waited)',
  })
  @IsOptional()
  @IsIn(CONCERN_SORTS)
  sort?: ConcernSort;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'A saved filter’s `lastSeenAt`: each concern then says whether it was logged or changed after it (`newSinceLastSeen`)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

/** The filters of the concerns list: the list's own, without paging or `since`. */
export class ConcernFilterDto extends OmitType(ConcernQuery, ['limit', 'cursor', 'since'] as const) {}

/** What a saved filter keeps: the list's filters but a subject, so no child is named in a user's settings. */
export class SavedConcernFilterDto extends OmitType(ConcernFilterDto, ['subjectId'] as const) {}

export class ContactDto {
  @ApiProperty({ description: 'Who logged the concern' })
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  agencyName!: string;
}

export class TriageDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  outcome!: TriageOutcome;

  @ApiProperty()
  note!: string;

  @ApiProperty({ format: 'uuid' })
  triagedById!: string;

  @ApiProperty({ format: 'date-time' })
  triagedAt!: string;
}

/** A concern as the caller may see it. A stub (`redacted: true`) has only the stub fields. */
export class ConcernDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'True when the caller sees only a stub: no identity, no narrative' })
  redacted!: boolean;

  @ApiProperty({ example: 'S-7K3Q9M' })
  pseudonym!: string;

  @ApiProperty({ enum: CONCERN_CATEGORIES })
  category!: ConcernCategory;

  @ApiProperty({ enum: RISK_LEVELS })
  riskLevel!: RiskLevel;

  @ApiProperty({ enum: CONCERN_STATUSES })
  status!: ConcernStatus;

  @ApiProperty({ type: AgencyRefDto })
  owningAgency!: AgencyRefDto;

  @ApiProperty({ type: ContactDto })
  contact!: ContactDto;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ type: SubjectDto })
  subject?: SubjectDto;

  @ApiPropertyOptional()
  narrative?: string;

  @ApiPropertyOptional({ enum: CONCERN_SOURCES })
  source?: ConcernSource;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS })
  classification?: Classification;

  @ApiPropertyOptional()
  version?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  updatedAt?: string;

  @ApiPropertyOptional({ type: TriageDto, nullable: true, description: 'Coordinators only' })
  triage?: TriageDto | null;

  @ApiPropertyOptional({
    enum: CONCERN_STAGES,
    description: 'What a reporter follows, derived from `status`: received, guidance given, referred, closed',
  })
  stage?: ConcernStage;

  @ApiPropertyOptional({ description: 'Only when the list was asked `since`: logged or changed after it' })
  newSinceLastSeen?: boolean;
}

export class EmergencyDto {
  @ApiProperty({
    description:
      'Whether a police agency was alerted: the one the district names for emergencies, which may then open the concern (vital interest); else one serving the district',
  })
  policeAlerted!: boolean;

  @ApiPropertyOptional({ type: AgencyRefDto })
  policeAgency?: AgencyRefDto;

  @ApiProperty({ example: 'If anyone’s life is at risk, call 112 now.' })
  message!: string;
}

export class CreatedConcernDto extends ConcernDto {
  @ApiPropertyOptional({ type: EmergencyDto, description: 'Only for immediate danger' })
  emergency?: EmergencyDto;
}

export class UpdatedConcernDto extends ConcernDto {
  @ApiPropertyOptional({ type: EmergencyDto, description: 'Only when this change raised the risk to immediate danger' })
  emergency?: EmergencyDto;
}

export class ConcernPageDto {
  @ApiProperty({ type: [ConcernDto] })
  items!: ConcernDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
