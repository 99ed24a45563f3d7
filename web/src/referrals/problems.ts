import { ApiError } from '../app/api';
import type { FieldErrors } from '../app/forms';
import type { Translate } from '../app/i18n';

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

function known(field: string, message: string, agency: string, t: Translate): string | null {
  if (field === 'consentId') {
    if (message.startsWith('the consent does not cover')) return t('referral.problem.notCovered', { agency });
    if (message.startsWith('a referral on consent names')) return t('referral.problem.consentMissing', { agency });
    if (message.startsWith('no active consent')) return t('referral.problem.consentNotActive');
    if (message.startsWith('only a referral on consent')) return t('referral.problem.consentNotForBasis');
  }
  if (field === 'toAgencyId' && message.includes('police')) return t('referral.problem.policeStays', { agency });
  if (field === 'legalBasis') {
    if (message.includes('on consent only') && message.includes('partner'))
      return t('referral.problem.partnerConsentOnly', { agency });
    if (message.includes('health')) return t('referral.problem.healthConsentOnly', { agency });
  }
  if (field === 'reviewDate' && message.includes('after today')) return t('referral.problem.reviewDateFuture');
  if (field === 'givenBy' && message.startsWith('under ')) return t('consent.problem.guardianRequired');
  if (field === 'guardianName' && message.includes('must be named')) return t('consent.problem.guardianName');
  if (field === 'guardianName' && message.includes('only a consent given by a guardian'))
    return t('consent.problem.noGuardianForSubject');
  if (field === 'validUntil' && message.includes('future')) return t('consent.problem.validUntilFuture');
  return null;
}
