/** The claims of our access tokens beyond iss, aud, sub, iat and exp. */
export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token family) the token belongs to. */
  sid: string;
}

export const JWT_ALGORITHM = 'HS256';
