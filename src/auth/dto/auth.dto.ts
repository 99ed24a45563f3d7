import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsEmailAddress } from '../../http/text-validators';

export class LoginDto {
  @ApiProperty({ example: 'coordinator.east@demo.samvirke.test' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'demo-password-1' })
  @IsString()
  @Length(1, 200)
  password!: string;

  @ApiPropertyOptional({ description: 'The 6-digit code, for accounts with a second factor', example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp must be six digits' })
  totp?: string;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Omitted by the web app, whose token is in the HttpOnly refresh cookie' })
  @IsOptional()
  @IsString()
  @Length(20, 200)
  refreshToken?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT, valid for expiresIn seconds' })
  accessToken!: string;

  @ApiPropertyOptional({
    description:
      'Opaque; works once, for a new pair. Left out for the web app (X-Samvirke-CSRF), which has it as a cookie',
  })
  refreshToken?: string;

  @ApiProperty({ example: 900 })
  expiresIn!: number;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, for typing into an authenticator app' })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Samvirke:user@example?secret=...&issuer=Samvirke' })
  otpauthUrl!: string;
}
