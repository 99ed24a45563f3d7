import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { READ_RULE, ReadRule } from '../../access/ability';
import { AGENCY_KINDS, AgencyKind } from '../../agencies/agency-kind';
import { LEGAL_BASES, LegalBasis } from '../../referrals/referral-vocabulary';

export class AccessAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;
}

/** One access rule that lets the caller read the record, with the facts it rests on. */
export class AccessGroundDto {
  @ApiProperty({
    enum: Object.values(READ_RULE),
    description:
      'The rule that matched: reporter (they logged it), owning_agency (their agency holds it), shared_with_agency ' +
      '(an open referral to their agency on a basis that holds, or an emergency share), receiving_agency (the referral ' +
      'was sent to their agency and its basis holds), district_coordinator, district_coordinator_stub (a restricted ' +
      'concern of their district: a stub), vital_interest (an open vital-interest referral opens a police concern to ' +
      'the district’s coordinators), break_glass (a grant of theirs in force)',
  })
  rule!: ReadRule;

  @ApiProperty({ enum: ['full', 'stub'], description: 'What this rule alone shows' })
  shows!: 'full' | 'stub';

  @ApiPropertyOptional({ type: AccessAgencyDto, description: 'The owning agency, or the caller’s receiving agency' })
  agency?: AccessAgencyDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The district whose coordinators the rule names' })
  districtId?: string;

  @ApiPropertyOptional({ enum: ['referral', 'emergency'], description: 'For a share: by referral, or by emergency' })
  share?: 'referral' | 'emergency';

  @ApiPropertyOptional({ format: 'uuid' })
  referralId?: string;

  @ApiPropertyOptional({ enum: LEGAL_BASES })
  legalBasis?: LegalBasis;

  @ApiPropertyOptional({ format: 'uuid', description: 'The consent a share rests on' })
  consentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The break-glass grant' })
  grantId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when: the consent’s end (null: until withdrawn) or the grant’s expiry',
  })
  until?: string | null;
}

/** What a stub leaves out, and the rule that keeps it back. */
export class AccessWithheldDto {
  @ApiProperty({ type: [String], description: 'The fields of the record the caller does not see' })
  fields!: string[];

  @ApiProperty({
    enum: ['agency_restricted'],
    description: 'agency_restricted: the owning agency restricted the concern (police and health by default)',
  })
  rule!: 'agency_restricted';

  @ApiProperty({ type: AccessAgencyDto, description: 'The agency to ask' })
  owningAgency!: AccessAgencyDto;
}

export class AccessExplanationDto {
  @ApiProperty({ enum: ['concern', 'referral'] })
  resourceType!: 'concern' | 'referral';

  @ApiProperty({ format: 'uuid' })
  resourceId!: string;

  @ApiProperty({ enum: ['full', 'stub'], description: 'What the caller sees of it, all rules together' })
  view!: 'full' | 'stub';

  @ApiProperty({ type: [AccessGroundDto], description: 'Every rule that lets the caller read it, full ones first' })
  grounds!: AccessGroundDto[];

  @ApiProperty({
    type: AccessWithheldDto,
    nullable: true,
    description: 'Where the caller sees a stub: what is withheld and why',
  })
  withheld!: AccessWithheldDto | null;
}
