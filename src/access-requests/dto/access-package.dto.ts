import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { AGENCY_KINDS, AgencyKind } from '../../agencies/agency-kind';
import { AUDIT_ACTION_NAMES, RESOURCE_TYPES } from '../../audit/audit-actions';
import { trim } from '../../http/input-transforms';
import { IsFreeText } from '../../http/text-validators';
import {
  PACKAGE_FORMATS,
  PACKAGE_LANGUAGES,
  PackageFormat,
  PackageLanguage,
  WITHHELD_TYPES,
} from '../access-package-vocabulary';

export class CompileAccessPackageDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    description:
      'Why the package is compiled, such as the access request’s reference. Recorded as the purpose of the audit event; sent in the body so it stays out of URLs and logs',
    example: 'Access request 2027-014, received 3 March 2027',
  })
  @Transform(trim)
  @IsFreeText(500)
  purpose!: string;

  @ApiProperty({ enum: PACKAGE_LANGUAGES, description: 'The subject’s language: the PDF’s labels and dates' })
  @IsIn(PACKAGE_LANGUAGES)
  language!: PackageLanguage;

  @ApiPropertyOptional({
    enum: PACKAGE_FORMATS,
    default: 'json',
    description: '`json` (application/json, the default) or `pdf` (application/pdf, A4, in `language`)',
  })
  @IsOptional()
  @IsIn(PACKAGE_FORMATS)
  format?: PackageFormat;
}

export class PackageAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;
}

export class PackageCompilerDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: PackageAgencyDto })
  agency!: PackageAgencyDto;
}

export class PackageDistrictDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class PackageSubjectDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  pseudonym!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null once the subject is anonymised' })
  fullName!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Null once the subject is anonymised' })
  dateOfBirth!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Kept when the subject is anonymised' })
  birthYear!: number | null;

  @ApiProperty({
    description:
      'Anonymised by retention or on an erasure request: the name and date of birth are gone, the package still answers',
  })
  anonymised!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  anonymisedAt!: string | null;

  @ApiProperty({ type: PackageDistrictDto })
  district!: PackageDistrictDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class PackageTriageDto {
  @ApiProperty()
  outcome!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  at!: string | null;
}

export class PackageConcernDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty()
  riskLevel!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty()
  source!: string;

  @ApiProperty()
  classification!: string;

  @ApiProperty()
  narrative!: string;

  @ApiProperty({ type: PackageTriageDto, nullable: true })
  triage!: PackageTriageDto | null;

  @ApiProperty({ type: PackageAgencyDto })
  owningAgency!: PackageAgencyDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class PackageReferralNoteDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: PackageAgencyDto })
  authorAgency!: PackageAgencyDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class PackageReferralDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  concernId!: string;

  @ApiProperty({ type: PackageAgencyDto, description: 'The recipient' })
  toAgency!: PackageAgencyDto;

  @ApiProperty({ type: String, nullable: true })
  programme!: string | null;

  @ApiProperty({ description: 'The legal basis the sharing rests on' })
  legalBasis!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  consentId!: string | null;

  @ApiProperty()
  status!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null where the receiving agency holds it' })
  outcome!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null where the receiving agency holds it' })
  outcomeNote!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null where the receiving agency holds it' })
  declineReason!: string | null;

  @ApiProperty({ format: 'date' })
  reviewDate!: string;

  @ApiProperty({
    description: 'The receiving agency (police or health) holds what became of it under its own regime: see `withheld`',
  })
  heldByRecipient!: boolean;

  @ApiProperty({ type: [PackageReferralNoteDto] })
  notes!: PackageReferralNoteDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class PackageEmergencyShareDto {
  @ApiProperty({ format: 'uuid' })
  concernId!: string;

  @ApiProperty({
    type: PackageAgencyDto,
    description: 'The police agency the concern was opened to, at immediate danger',
  })
  agency!: PackageAgencyDto;

  @ApiProperty({ description: 'Always vital_interest' })
  legalBasis!: string;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;
}

export class PackageConsentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['subject', 'guardian'] })
  givenBy!: string;

  @ApiProperty({ type: String, nullable: true })
  guardianName!: string | null;

  @ApiProperty({ type: [PackageAgencyDto] })
  agencies!: PackageAgencyDto[];

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ format: 'date-time' })
  givenAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  validUntil!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: string | null;
}

export class PackageMeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  kind!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;
}

export class PackageDecisionDto {
  @ApiProperty()
  decision!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}

export class PackageAgendaItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: PackageMeetingDto })
  meeting!: PackageMeetingDto;

  @ApiProperty()
  section!: string;

  @ApiProperty({ type: String, nullable: true })
  title!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  concernId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  referralId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  followUpId!: string | null;

  @ApiProperty({ type: [PackageDecisionDto], description: 'What the meeting decided on this item' })
  decisions!: PackageDecisionDto[];
}

export class PackageFollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  kind!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  referralId!: string | null;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty()
  state!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class PackageLegalHoldDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  placedAt!: string;

  @ApiProperty({ format: 'date-time' })
  until!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  liftedAt!: string | null;

  @ApiProperty()
  active!: boolean;
}

export class PackageLinkDto {
  @ApiProperty({
    description: 'Linked to another person’s record: who that is, and why, are about someone else and not shown',
  })
  description!: string;

  @ApiProperty({ example: '2027-03' })
  createdMonth!: string;

  @ApiProperty({ type: String, nullable: true, example: '2027-04' })
  removedMonth!: string | null;
}

export class PackageWithheldDto {
  @ApiProperty({ enum: WITHHELD_TYPES })
  type!: string;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: PackageAgencyDto })
  heldBy!: PackageAgencyDto;

  @ApiProperty({ example: '2027-03', description: 'The month the record was made' })
  since!: string;

  @ApiProperty({ description: 'The agency to ask for it, under its own regime' })
  ask!: string;
}

export class PackageActorDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null for the system (the worker). Police and health staff are named too, as everyone else',
  })
  name!: string | null;

  @ApiProperty({ type: [String] })
  roles!: string[];

  @ApiProperty({ type: PackageAgencyDto, nullable: true })
  agency!: PackageAgencyDto | null;
}

export class PackageAccessDto {
  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: PackageActorDto })
  actor!: PackageActorDto;

  @ApiProperty({ enum: AUDIT_ACTION_NAMES, enumName: 'AuditAction' })
  action!: string;

  @ApiProperty({ enum: RESOURCE_TYPES, enumName: 'AuditResourceType' })
  resourceType!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The purpose or legal basis given' })
  purpose!: string | null;

  @ApiProperty({ enum: ['allowed', 'denied'] })
  outcome!: string;
}

export class PackageRecipientDto {
  @ApiProperty({ type: PackageAgencyDto, nullable: true, description: 'Null for the system (the worker)' })
  agency!: PackageAgencyDto | null;

  @ApiProperty({ description: 'Allowed accesses by this agency’s staff' })
  accesses!: number;

  @ApiProperty({ format: 'date-time' })
  firstAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastAt!: string;
}

export class PackageCountsDto {
  @ApiProperty() concerns!: number;
  @ApiProperty() referrals!: number;
  @ApiProperty() emergencyShares!: number;
  @ApiProperty() referralNotes!: number;
  @ApiProperty() consents!: number;
  @ApiProperty() agendaItems!: number;
  @ApiProperty() decisions!: number;
  @ApiProperty() followUps!: number;
  @ApiProperty() legalHolds!: number;
  @ApiProperty() links!: number;
  @ApiProperty() withheld!: number;
  @ApiProperty() accesses!: number;
}

/** Everything Samvirke holds about one person, and who has seen it: the answer to an access request. */
export class AccessPackageDto {
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ enum: PACKAGE_LANGUAGES })
  language!: PackageLanguage;

  @ApiProperty({ description: 'The district’s time zone, in which the PDF shows its dates' })
  timeZone!: string;

  @ApiProperty({ type: PackageCompilerDto })
  compiledBy!: PackageCompilerDto;

  @ApiProperty({ type: PackageSubjectDto })
  subject!: PackageSubjectDto;

  @ApiProperty({
    type: [PackageConcernDto],
    description: 'Concerns about the subject, but those held by police or health',
  })
  concerns!: PackageConcernDto[];

  @ApiProperty({ type: [PackageReferralDto] })
  referrals!: PackageReferralDto[];

  @ApiProperty({
    type: [PackageEmergencyShareDto],
    description: 'Concerns opened to the police at immediate danger: recipients, as referrals are',
  })
  emergencyShares!: PackageEmergencyShareDto[];

  @ApiProperty({ type: [PackageConsentDto] })
  consents!: PackageConsentDto[];

  @ApiProperty({ type: [PackageAgendaItemDto], description: 'Agenda items about the subject’s cases, with decisions' })
  agendaItems!: PackageAgendaItemDto[];

  @ApiProperty({ type: [PackageFollowUpDto] })
  followUps!: PackageFollowUpDto[];

  @ApiProperty({ type: [PackageLegalHoldDto] })
  legalHolds!: PackageLegalHoldDto[];

  @ApiProperty({ type: [PackageLinkDto] })
  links!: PackageLinkDto[];

  @ApiProperty({
    type: [PackageWithheldDto],
    description: 'Records held by the police or a health service under their own regimes: listed, with whom to ask',
  })
  withheld!: PackageWithheldDto[];

  @ApiProperty({ type: [PackageAccessDto], description: 'Every access to the subject’s records, oldest first' })
  accessLog!: PackageAccessDto[];

  @ApiProperty({ type: [PackageRecipientDto], description: 'The recipients: allowed accesses by agency' })
  recipients!: PackageRecipientDto[];

  @ApiProperty({ type: PackageCountsDto })
  counts!: PackageCountsDto;
}
