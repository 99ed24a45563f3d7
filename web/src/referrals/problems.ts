import { ApiError } from '../app/api';
import type { FieldErrors } from '../app/forms';
import type { Translate } from '../app/i18n';
import { known } from './problem-words';

/**
 * The API's refusals of a referral or a consent in words a coordinator understands, by the field they
 * concern: each of the API's rules (a consent must name the receiving agency, police concerns stay with
 * the police, partners and health concerns on consent only...) has its own message naming the agency.
 * A message the screen does not know is shown as the API wrote it, so nothing is lost.
 */
export function referralProblems(error: unknown, agency: string, t: Translate): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'duplicate-referral') return { toAgencyId: t('referral.problem.duplicate', { agency }) };
  if (error.code === 'not-triaged-for-referral') return { general: t('referral.problem.notTriaged') };
  if (error.code === 'unknown-agency') return { toAgencyId: t('referral.problem.unknownAgency') };
  if (!error.problem.errors?.length) return null;
  const errors: FieldErrors = {};
  for (const problem of error.problem.errors) {
    const message = known(problem.field, problem.message, agency, t) ?? problem.message;
    const field = problem.field;
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
}
