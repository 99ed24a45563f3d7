import { BusinessRuleError } from '../http/domain-errors';
import type { Subject } from './subject.entity';

/**
 * Nothing new is recorded about an anonymised subject — no concern, consent, referral or link, no change to a
 * concern — since it would put identifying text back where retention or an erasure request took it away.
 */
export function refuseIfAnonymised(subject: Pick<Subject, 'anonymisedAt'>, field?: string): void {
  if (!subject.anonymisedAt) return;
  throw new BusinessRuleError(
    'The subject is anonymised: nothing more can be recorded about them',
    'subject-anonymised',
    field ? [{ field, message: 'names an anonymised subject' }] : [],
  );
}
