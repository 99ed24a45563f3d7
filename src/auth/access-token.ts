import { createSecretKey, KeyObject } from 'node:crypto';
import { AppConfig } from '../config/app-config.service';

/** The claims of our access tokens beyond iss, aud, sub, iat and exp. */
export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token family) the token belongs to. */
  sid: string;
}

export const JWT_ALGORITHM = 'HS256';

/** What a presented token carries once its signature checks: our claims, and the registered ones if present. */
export type PresentedClaims = AccessTokenClaims & { iat?: unknown; exp?: unknown };

const keys = new Map<string, KeyObject>();

/**
 * The HS256 key as a KeyObject, made once per secret. Given the secret as a string, the JWT
 * library makes a key on every sign and check, after first trying (and failing, with a thrown
 * error) to read it as a public key: a tenth of the API's time per request. The libraries' types
 * say string or Buffer; the JWT library underneath takes a KeyObject as it is.
 */
export function accessTokenKey(config: AppConfig): Buffer {
  const secret = config.get('JWT_SECRET');
  if (!keys.has(secret)) keys.set(secret, createSecretKey(Buffer.from(secret)));
  return keys.get(secret) as unknown as Buffer;
}

/** The checks on every presented token besides its signature, for Passport's strategy and the token verifier alike. */
export function accessTokenChecks(config: AppConfig) {
  return {
    algorithms: [JWT_ALGORITHM] as [typeof JWT_ALGORITHM],
    issuer: config.get('JWT_ISSUER'),
    audience: config.get('JWT_AUDIENCE'),
  };
}

/**
 * The JWT library checks `exp` only when a token has one, so a token without it would never
 * expire. Every token we issue says when it was issued and when it expires; one that does not
 * was not issued by this service as it stands.
 */
export function hasLifetime(claims: PresentedClaims): boolean {
  const { iat, exp } = claims;
  return (
    typeof iat === 'number' && typeof exp === 'number' && Number.isFinite(iat) && Number.isFinite(exp) && exp > iat
  );
}
