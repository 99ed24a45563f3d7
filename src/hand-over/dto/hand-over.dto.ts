import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class HandOverDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'The colleague who takes it all: active, of the same agency, a case worker where there are referrals, and someone who may own each follow-up',
  })
  @IsUUID()
  toUserId!: string;
}

export class HandedOverDto {
  @ApiProperty({ format: 'uuid' })
  toUserId!: string;

  @ApiProperty({ type: [String], description: 'The open referrals whose case worker they now are' })
  referralIds!: string[];

  @ApiProperty({ type: [String], description: 'The open follow-ups they now own' })
  followUpIds!: string[];
}
