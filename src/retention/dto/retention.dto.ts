import { ApiProperty } from '@nestjs/swagger';
import { RECORD_KINDS, RecordKind } from '../../privacy/retention-periods';

/** A retention run that took place: when, and what it did, counted (never a name or an id). */
export class RetentionRunDto {
  @ApiProperty({ format: 'date-time', description: 'When the run finished (its audit event)' })
  occurredAt!: string;

  @ApiProperty({ description: 'Subjects anonymised' })
  subjects!: number;

  @ApiProperty({
    description:
      'Subjects found due that another run was anonymising, or that stopped being due (held ones are never due)',
  })
  skipped!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Records treated, per kind of record',
  })
  records!: Record<string, number>;
}

export class RetentionRunListDto {
  @ApiProperty({ type: [RetentionRunDto], description: 'The last runs, newest first (at most 20)' })
  items!: RetentionRunDto[];
}

/** What the next retention run would do: counts only, never a name or an id. */
export class RetentionReportDto {
  @ApiProperty({ format: 'date-time', description: 'The moment the report was made for' })
  at!: string;

  @ApiProperty({ description: 'Subjects every case record of which is past its period, and no legal hold keeps' })
  subjectsDue!: number;

  @ApiProperty({ description: 'Subjects that would be due but for a legal hold in force' })
  subjectsHeld!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `Records the run would treat, per kind of record: ${RECORD_KINDS.join(', ')}`,
    example: Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])),
  })
  records!: Record<RecordKind, number>;
}
