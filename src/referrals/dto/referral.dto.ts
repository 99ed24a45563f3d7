import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../../database/pagination';
import { toBoolean, trim } from '../../http/input-transforms';
import { IsFreeText, IsSingleLine } from '../../http/text-validators';
import { AgencyRefDto } from '../../users/dto/user.dto';
import {
  LEGAL_BASES,
  LegalBasis,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  ReferralOutcome,
  ReferralStatus,
} from '../referral-vocabulary';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const REFERRAL_RECEIPTS = ['unseen', 'seen'] as const;
export type ReferralReceiptFilter = (typeof REFERRAL_RECEIPTS)[number];

class VersionedDto {
  @ApiProperty({ description: 'The version last read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid', description: 'A concern triaged as `refer`' })
  @IsUUID()
  concernId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  toAgencyId!: string;

  @ApiPropertyOptional({ example: 'Mentor programme', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(200)
  programme?: string;

  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES)
  legalBasis!: LegalBasis;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for `consent`: a consent that covers the receiving agency',
  })
  @IsOptional()
  @IsUUID()
  consentId?: string;

  @ApiProperty({ maxLength: 5000, description: 'Why this agency, and on this basis' })
  @IsFreeText(5000)
  reason!: string;

  @ApiProperty({ format: 'date', example: '2027-01-15' })
  @Matches(DATE, { message: 'reviewDate must be a date such as 2027-01-15' })
  @IsISO8601({ strict: true }, { message: 'reviewDate must be a real date' })
  reviewDate!: string;
}

export class AcceptReferralDto extends VersionedDto {
  @ApiProperty({ format: 'uuid', description: 'A case worker of the receiving agency' })
  @IsUUID()
  caseWorkerId!: string;
}

export class DeclineReferralDto extends VersionedDto {
  @ApiProperty({ maxLength: 5000 })
  @IsFreeText(5000)
  reason!: string;
}

export class StartReferralDto extends VersionedDto {}

export class CloseReferralDto extends VersionedDto {
  @ApiProperty({ enum: REFERRAL_OUTCOMES })
  @IsIn(REFERRAL_OUTCOMES)
  outcome!: ReferralOutcome;

  @ApiProperty({ maxLength: 5000 })
  @IsFreeText(5000)
  note!: string;
}

export class ReferralNoteInputDto {
  @ApiProperty({ maxLength: 20_000 })
  @IsFreeText(20_000)
  text!: string;
}

export class ReferralQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  toAgencyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsSingleLine(200)
  programme?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only open referrals whose review date has passed' })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false])
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: REFERRAL_RECEIPTS,
    description:
      '`unseen`: pending, nobody of the receiving agency has opened it yet; `seen`: opened by the receiving agency (whatever its status since)',
  })
  @IsOptional()
  @IsIn(REFERRAL_RECEIPTS)
  receipt?: ReferralReceiptFilter;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the caller last looked (a saved filter’s `lastSeenAt`): each referral then says whether it was sent or changed after it (`newSinceLastSeen`)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

export class ReferralCaseWorkerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class ReferralReaderDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Their agency’s name' })
  agency!: string;
}

export class ReferralReceiptDto {
  @ApiProperty({ format: 'date-time' })
  seenAt!: string;

  @ApiProperty({ type: ReferralReaderDto })
  seenBy!: ReferralReaderDto;
}

export class ReferralNoteDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  authorId!: string;

  @ApiProperty({ format: 'uuid' })
  authorAgencyId!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  concernId!: string;

  @ApiProperty({ example: 'S-7K3Q9M' })
  pseudonym!: string;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;

  @ApiProperty({ type: AgencyRefDto })
  toAgency!: AgencyRefDto;

  @ApiProperty({ type: String, nullable: true })
  programme!: string | null;

  @ApiProperty({ enum: LEGAL_BASES })
  legalBasis!: LegalBasis;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  consentId!: string | null;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date' })
  reviewDate!: string;

  @ApiProperty({ description: 'Open and past its review date' })
  overdue!: boolean;

  @ApiProperty({ enum: REFERRAL_STATUSES })
  status!: ReferralStatus;

  @ApiProperty({ enum: REFERRAL_OUTCOMES, nullable: true })
  outcome!: ReferralOutcome | null;

  @ApiProperty({ type: String, nullable: true })
  outcomeNote!: string | null;

  @ApiProperty({ type: String, nullable: true })
  declineReason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  caseWorkerId!: string | null;

  @ApiProperty({
    type: ReferralCaseWorkerDto,
    nullable: true,
    description: 'Who of the receiving agency it is assigned to (by name), once accepted',
  })
  caseWorker!: ReferralCaseWorkerDto | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    type: ReferralReceiptDto,
    nullable: true,
    description:
      'Seen by the receiving agency: when someone there first opened it while it was pending, and who. Null until then',
  })
  receipt!: ReferralReceiptDto | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When its coordinators were told nobody of the receiving agency had opened it within two working days (Monday to Friday, the district’s time zone)',
  })
  unseenFlaggedAt!: string | null;

  @ApiPropertyOptional({ description: 'With `since`: sent or changed after it' })
  newSinceLastSeen?: boolean;

  @ApiPropertyOptional({ type: [ReferralNoteDto], description: 'On a single referral: its case notes' })
  notes?: ReferralNoteDto[];
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralDto] })
  items!: ReferralDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
