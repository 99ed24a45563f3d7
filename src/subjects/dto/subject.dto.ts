import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { ERASURE_GROUNDS, ErasureGround } from '../../privacy/erasure-grounds';
import { trim } from '../../http/input-transforms';
import { IsFreeText, IsSingleLine } from '../../http/text-validators';

export class CreateSubjectDto {
  @ApiProperty({ example: 'Søren Ødegård', maxLength: 200 })
  @Transform(trim)
  @IsSingleLine(200)
  fullName!: string;

  @ApiProperty({ format: 'date', example: '2010-05-17' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date such as 2010-05-17' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real date' })
  dateOfBirth!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId!: string;
}

export class LinkSubjectDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  otherSubjectId!: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the coordinator judges them the same person' })
  @IsFreeText(2000)
  note!: string;
}

export class SubjectCandidateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'S-7K3Q9M' })
  pseudonym!: string;

  @ApiProperty({ format: 'uuid' })
  districtId!: string;
}

export class SubjectLinkDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: SubjectCandidateDto })
  other!: SubjectCandidateDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** A subject as the caller may see it: identity only where the rules allow it. */
export class SubjectDto extends SubjectCandidateDto {
  @ApiProperty({ description: 'Under 18 today' })
  isMinor!: boolean;

  @ApiProperty({ description: 'True when the identity is withheld from this caller' })
  redacted!: boolean;

  @ApiProperty({
    description: 'True once retention or an erasure request anonymised the subject: no name or date of birth remain',
  })
  anonymised!: boolean;

  @ApiPropertyOptional({ description: 'Only for an anonymised subject: the year of birth, all that remains of it' })
  birthYear?: number;

  @ApiPropertyOptional({ description: 'Only where the caller may see the identity' })
  fullName?: string;

  @ApiPropertyOptional({ format: 'date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: [SubjectLinkDto], description: 'Links to subjects judged the same person' })
  links?: SubjectLinkDto[];
}

export class CreatedSubjectDto extends SubjectDto {
  @ApiProperty({
    type: [SubjectCandidateDto],
    description:
      'Existing subjects with the same date of birth and a similar name: for a coordinator to judge, never merged',
  })
  possibleDuplicates!: SubjectCandidateDto[];
}

export class EraseSubjectDto {
  @ApiProperty({
    enum: ERASURE_GROUNDS,
    description: 'The ground of Article 17(1) the request rests on, (a) to (e): kept in the audit event',
  })
  @IsIn(ERASURE_GROUNDS)
  ground!: ErasureGround;

  @ApiProperty({
    maxLength: 2000,
    description:
      'Why the subject is erased early (Article 17): checked for presence, never stored, since it may name the person',
  })
  @IsFreeText(2000)
  reason!: string;
}
