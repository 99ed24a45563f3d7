import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a row for breaking the named unique constraint (or any, if unnamed). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** Deadlock or serialisation failure: a clash with another transaction at the same moment, not a fault. */
export function isConcurrencyFailure(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return code === '40P01' || code === '40001';
}
