import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const PROBLEMS = [
  'missing-link',
  'broken-link',
  'missing-event',
  'edited-event',
  'unchained-event',
  'checkpoint-mismatch',
  'checkpoint-signature',
  'truncated',
];

class CheckpointSummaryDto {
  @ApiProperty({ description: 'Checkpoints the chain was held against' })
  checked!: number;

  @ApiProperty({ description: 'Whether they were read from outside the database (AUDIT_CHECKPOINT_DIR)' })
  external!: boolean;
}

export class VerifyResultDto {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'Links of the chain checked before the answer' })
  checked!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The first event the chain cannot vouch for' })
  firstBadEventId?: string;

  @ApiPropertyOptional({ enum: PROBLEMS })
  problem?: string;

  @ApiProperty({ type: CheckpointSummaryDto })
  checkpoints!: CheckpointSummaryDto;
}
