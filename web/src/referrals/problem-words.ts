import type { MessageKey } from '../app/messages/en';

/** How the screen's words are looked up: a key of the catalogue and its values (the app's `t`). */
export type Words = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * One of the API's field problems in the coordinator's words, or null when the screen does not know it.
 * web/test/referral-problems.spec.ts feeds it every problem the API's rules can produce.
 */
export function known(field: string, message: string, agency: string, t: Words): string | null {
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
