import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { SavedConcernFilterDto } from '../../concerns/dto/concern.dto';
import { trim } from '../../http/input-transforms';
import { IsSingleLine } from '../../http/text-validators';
import { SAVED_FILTER_RESOURCES, SavedFilterResource } from '../saved-filter-vocabulary';

export class CreateSavedFilterDto {
  @ApiProperty({ example: 'High risk, east', maxLength: 100 })
  @Transform(trim)
  @IsSingleLine(100)
  name!: string;

  @ApiProperty({ enum: SAVED_FILTER_RESOURCES })
  @IsIn(SAVED_FILTER_RESOURCES)
  resource!: SavedFilterResource;

  @ApiProperty({
    type: SavedConcernFilterDto,
    description:
      'The concerns list’s filters (district, category, risk, status, reporter=me, sort), as the list takes them',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => SavedConcernFilterDto)
  query!: SavedConcernFilterDto;

  @ApiPropertyOptional({ default: false, description: 'A pinned filter is a work queue: the home page counts it' })
  @IsOptional()
  @IsBoolean()
  pinned?: boolean;
}

export class UpdateSavedFilterDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsSingleLine(100)
  name?: string;

  @ApiPropertyOptional({ type: SavedConcernFilterDto, description: 'Replaces the filters as a whole' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SavedConcernFilterDto)
  query?: SavedConcernFilterDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  pinned?: boolean;
}

export class SavedFilterDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: SAVED_FILTER_RESOURCES })
  resource!: SavedFilterResource;

  @ApiProperty({ type: SavedConcernFilterDto })
  query!: SavedConcernFilterDto;

  @ApiProperty()
  pinned!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When its owner last looked at the queue: pass it as the list’s `since` to mark what is new',
  })
  lastSeenAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class SavedFilterPageDto {
  @ApiProperty({ type: [SavedFilterDto] })
  items!: SavedFilterDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
