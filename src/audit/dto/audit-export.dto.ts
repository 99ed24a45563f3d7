import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { trim } from '../../http/input-transforms';
import { IsFreeText } from '../../http/text-validators';
import { AUDIT_EXPORT_STATES, AuditExportState } from '../audit-export.entity';
import { AUDIT_CSV_COLUMNS } from '../audit-view';
import { AuditQuery } from './audit.dto';

/** The event search's filters, without its paging. */
export class AuditExportFilters extends OmitType(AuditQuery, ['limit', 'cursor'] as const) {}

export class StartAuditExportDto {
  @ApiProperty({
    type: AuditExportFilters,
    description: 'The same filters as the event search; {} for the whole trail',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AuditExportFilters)
  filters!: AuditExportFilters;

  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    description: 'Why the trail is exported (required): kept with the export and as the purpose of its audit event',
    example: 'Quarterly review of refused access, case 2027-031',
  })
  @Transform(trim)
  @IsFreeText(500)
  purpose!: string;
}

export class AuditExportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUDIT_EXPORT_STATES, enumName: 'AuditExportState' })
  state!: AuditExportState;

  @ApiProperty({ type: AuditExportFilters })
  filters!: AuditExportFilters;

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'The rows of the CSV (header not counted), once ready' })
  rowCount!: number | null;

  @ApiProperty({ format: 'date-time', description: 'When it was asked for: it holds the events before this moment' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the file is removed' })
  expiresAt!: string | null;
}

export class AuditExportListDto {
  @ApiProperty({ type: [AuditExportDto], description: 'The caller’s own exports, newest first (the last 50)' })
  items!: AuditExportDto[];
}

export class AuditCountDto {
  @ApiProperty({ description: 'How many events the search finds now' })
  count!: number;

  @ApiProperty({
    enum: AUDIT_CSV_COLUMNS,
    isArray: true,
    description: 'The columns of the CSV, in order',
  })
  columns!: string[];
}
