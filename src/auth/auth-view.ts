import { TokenPairDto, TotpEnrolmentDto } from './dto/auth.dto';

/** A signed access token with its lifetime, and the refresh token that goes with it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

/** A second factor being set up: the secret, and the same as an otpauth:// URL for a QR code. */
export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

export function tokenPairView(pair: TokenPair): TokenPairDto {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresIn: pair.expiresIn,
    tokenType: 'Bearer',
  };
}

export function totpEnrolmentView(enrolment: TotpEnrolment): TotpEnrolmentDto {
  return { secret: enrolment.secret, otpauthUrl: enrolment.otpauthUrl };
}
