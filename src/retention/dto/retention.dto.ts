import { ApiProperty } from '@nestjs/swagger';
import { RECORD_KINDS, RecordKind } from '../../privacy/retention-periods';

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
