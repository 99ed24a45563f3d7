import { NotAuthenticatedError, TooManyAttemptsError } from '../http/domain-errors';

/** One answer for an unknown address and a wrong password, so neither reveals the other. */
export class InvalidCredentialsError extends NotAuthenticatedError {
  override readonly code = 'invalid-credentials';
  constructor() {
    super('The e-mail address or password is wrong');
  }
}

export class SecondFactorRequiredError extends NotAuthenticatedError {
  override readonly code = 'totp-required';
  constructor() {
    super('This account has a second factor: send the six-digit code from your authenticator app as totp');
  }
}

export class InvalidSecondFactorError extends NotAuthenticatedError {
  override readonly code = 'invalid-totp';
  constructor() {
    super('The one-time code is wrong, expired or already used');
  }
}

export class AccountLockedError extends TooManyAttemptsError {
  constructor(retryAfterSeconds: number) {
    super(
      'Too many failed logins for this account: it is locked for 15 minutes. Try again later, or ask your administrator.',
      'account-locked',
      retryAfterSeconds,
    );
  }
}

export class InvalidRefreshTokenError extends NotAuthenticatedError {
  override readonly code = 'invalid-refresh-token';
  constructor() {
    super('The refresh token is unknown, expired, revoked or already used; log in again');
  }
}
