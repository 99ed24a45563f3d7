import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AGENCY_KINDS, AgencyKind } from '../../agencies/agency-kind';
import {
  CONCERN_CATEGORIES,
  CONCERN_STATUSES,
  ConcernCategory,
  ConcernStatus,
  RISK_LEVELS,
  RiskLevel,
} from '../../concerns/concern-vocabulary';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';
import { REFERRAL_STATUSES, ReferralStatus } from '../../referrals/referral-vocabulary';
import { AGENDA_SECTIONS, AgendaSection } from '../agenda-layout';
import { AGENDA_ITEM_SOURCES, AgendaItemSource } from '../meeting-vocabulary';

export class AddAgendaItemDto {
  @ApiProperty({ maxLength: 300, example: 'Summer activities for the older youth group' })
  @Transform(trim)
  @IsSingleLine(300)
  title!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A concern of the district the item is about' })
  @IsOptional()
  @IsUUID()
  concernId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A referral of the district the item is about' })
  @IsOptional()
  @IsUUID()
  referralId?: string;

  @ApiPropertyOptional({ minimum: 1, description: '1-based place in its section; kept when the agenda is regenerated' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  position?: number;
}

export class MoveAgendaItemDto {
  @ApiProperty({ minimum: 1, description: '1-based place in its section; kept when the agenda is regenerated' })
  @IsInt()
  @Min(1)
  @Max(1000)
  position!: number;
}

class AgencyNameDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;
}

class AgendaSubjectDto {
  @ApiProperty()
  fullName!: string;

  @ApiProperty({ format: 'date' })
  dateOfBirth!: string;
}

class AgendaConcernDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CONCERN_CATEGORIES })
  category!: ConcernCategory;

  @ApiProperty({ enum: RISK_LEVELS })
  riskLevel!: RiskLevel;

  @ApiProperty({ enum: CONCERN_STATUSES })
  status!: ConcernStatus;

  @ApiProperty({ format: 'date-time' })
  loggedAt!: string;

  @ApiProperty({ type: AgencyNameDto, description: 'Whom to ask about it' })
  owningAgency!: AgencyNameDto;
}

class AgendaReferralDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: REFERRAL_STATUSES })
  status!: ReferralStatus;

  @ApiProperty({ format: 'date' })
  reviewDate!: string;

  @ApiProperty({ type: AgencyNameDto })
  toAgency!: AgencyNameDto;
}

class FollowUpOwnerDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  agencyName!: string;
}

class AgendaFollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty()
  escalated!: boolean;

  @ApiProperty({ type: FollowUpOwnerDto })
  owner!: FollowUpOwnerDto;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AGENDA_SECTIONS })
  section!: AgendaSection;

  @ApiProperty({
    description: '1-based, within the section as the caller sees it: items hidden from them are not counted',
  })
  position!: number;

  @ApiProperty({ enum: AGENDA_ITEM_SOURCES })
  source!: AgendaItemSource;

  @ApiProperty({ type: String, nullable: true, description: 'The coordinator’s words, for an item added by hand' })
  title!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'S-7K3Q9M' })
  pseudonym!: string | null;

  @ApiProperty({ description: 'Whether this reader’s agency has a basis to see who the subject is' })
  identified!: boolean;

  @ApiPropertyOptional({ type: AgendaSubjectDto, description: 'Only where `identified`' })
  subject?: AgendaSubjectDto;

  @ApiProperty({ type: AgendaConcernDto, nullable: true })
  concern!: AgendaConcernDto | null;

  @ApiProperty({ type: AgendaReferralDto, nullable: true })
  referral!: AgendaReferralDto | null;

  @ApiProperty({ type: AgendaFollowUpDto, nullable: true })
  followUp!: AgendaFollowUpDto | null;
}

export class AgendaSectionDto {
  @ApiProperty({ enum: AGENDA_SECTIONS })
  section!: AgendaSection;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: [AgendaItemDto] })
  items!: AgendaItemDto[];
}

export class AgendaDto {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  generatedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set once the meeting has started' })
  frozenAt!: string | null;

  @ApiProperty({ type: [AgendaSectionDto] })
  sections!: AgendaSectionDto[];
}
