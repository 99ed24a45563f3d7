import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';
import { SubjectDto } from './subject.dto';

/** Why the caller searches: recorded as the search's purpose in the audit trail. */
export const SUBJECT_SEARCH_PURPOSES = ['log_concern', 'look_up'] as const;
export type SubjectSearchPurpose = (typeof SUBJECT_SEARCH_PURPOSES)[number];

/** What a hit matched on. */
export const SUBJECT_MATCHES = ['name', 'date_of_birth'] as const;
export type SubjectMatch = (typeof SUBJECT_MATCHES)[number];

export class SubjectSearchQuery {
  @ApiProperty({
    description: 'A name, or part of one; Nordic letters and accents are folded (Søren = Soren = SØREN)',
    example: 'Søren Ødegård',
    minLength: 2,
    maxLength: 200,
  })
  @Transform(trim)
  @IsSingleLine(200)
  @MinLength(2)
  query!: string;

  @ApiPropertyOptional({ format: 'date', example: '2010-05-17' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date such as 2010-05-17' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({
    enum: SUBJECT_SEARCH_PURPOSES,
    default: 'look_up',
    description: 'Why: finding the young person before logging a concern, or looking someone up',
  })
  @IsOptional()
  @IsIn(SUBJECT_SEARCH_PURPOSES)
  purpose?: SubjectSearchPurpose;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20, description: 'How many hits a page holds' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** A subject found, as the caller may see it (identity only where the subject rules allow), and why it matched. */
export class SubjectHitDto extends SubjectDto {
  @ApiProperty({
    enum: SUBJECT_MATCHES,
    isArray: true,
    description: 'What matched: the name, the date of birth, or both',
  })
  matchedOn!: SubjectMatch[];

  @ApiProperty({ description: 'How alike the names are, 0–1 (trigram word similarity of the folded names)' })
  similarity!: number;
}

/** The hits, best first, a page at a time. */
export class SubjectSearchResultDto {
  @ApiProperty({ type: [SubjectHitDto] })
  items!: SubjectHitDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
