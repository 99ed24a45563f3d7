import { consentInForce } from '../access/shares';
import { FieldProblem } from '../http/domain-errors';
import { ageOn } from '../subjects/pseudonym';
import { Consent, ConsentGiver } from './consent.entity';

export interface ConsentRequest {
  givenBy: ConsentGiver;
  guardianName?: string | null;
  validUntil?: Date | null;
}

/**
 * Who may give consent: below `selfAge` (default 15) only a named guardian; from then on the
 * subject alone or with a guardian. A consent must end in the future, if it ends.
 */
export function consentProblems(
  request: ConsentRequest,
  dateOfBirth: string,
  selfAge: number,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.givenBy === 'guardian' && !request.guardianName) {
    problems.push({ field: 'guardianName', message: 'a guardian giving consent must be named' });
  }
  if (request.givenBy === 'subject' && request.guardianName) {
    problems.push({ field: 'guardianName', message: 'only a consent given by a guardian names one' });
  }
  if (request.givenBy === 'subject' && ageOn(dateOfBirth, now) < selfAge) {
    problems.push({ field: 'givenBy', message: `under ${selfAge}, consent must be given by a guardian` });
  }
  if (request.validUntil && request.validUntil.getTime() <= now.getTime()) {
    problems.push({ field: 'validUntil', message: 'must be in the future' });
  }
  return problems;
}

/**
 * Active at `now`: not withdrawn, and not past its end — the share rules' `consentInForce`
 * (src/access/shares.ts), which the queries use as SQL, here on a loaded consent.
 */
export function consentIsActive(consent: Pick<Consent, 'withdrawnAt' | 'validUntil'>, now: Date): boolean {
  return consentInForce.holds(consent, now);
}
