import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsTimeZone } from '../../http/time-zone.validator';
import { District } from '../district.entity';
import { trim } from '../../http/input-transforms';

export class CreateDistrictDto {
  @ApiProperty({ example: 'Grorud', minLength: 1, maxLength: 120 })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({
    example: 'Europe/Oslo',
    description: 'Where its meetings’ times are read; default Europe/Oslo',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class DistrictDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'Europe/Oslo' })
  timeZone!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static from(district: District): DistrictDto {
    return {
      id: district.id,
      name: district.name,
      timeZone: district.timeZone,
      createdAt: district.createdAt.toISOString(),
    };
  }
}

export class DistrictPageDto {
  @ApiProperty({ type: [DistrictDto] })
  items!: DistrictDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
