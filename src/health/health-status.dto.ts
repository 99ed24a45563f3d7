import { ApiProperty } from '@nestjs/swagger';

export class HealthStatusDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ description: 'Per dependency: { status: "up" | "down" }', type: 'object', additionalProperties: true })
  checks!: Record<string, unknown>;
}
