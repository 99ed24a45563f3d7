import { AgencyKind } from '../agencies/agency-kind';
import { FieldProblem } from '../http/domain-errors';
import { LegalBasis } from './referral-vocabulary';

export interface ShareRequest {
  legalBasis: LegalBasis;
  /** The consent named, if any, and the agencies it covers. */
  consent: { agencyIds: string[] } | null;
  consentNamed: boolean;
  recipient: { id: string; name: string; kind: AgencyKind };
  owningAgencyKind: AgencyKind;
}

const CONSENT_ONLY_RECIPIENTS: readonly AgencyKind[] = ['ngo', 'faith_community'];

/**
 * Whether a concern may be shared with the recipient on the basis given (DESIGN rules 4 and 5).
 * Police notes never leave the police (vital interest opens them to the district's
 * coordinators, not to other agencies); consent must name the recipient; NGO and faith
 * partners receive on consent only; health notes leave health services on consent only.
 */
export function shareProblems(request: ShareRequest): FieldProblem[] {
  const { legalBasis, consent, recipient, owningAgencyKind } = request;
  if (owningAgencyKind === 'police' && recipient.kind !== 'police') {
    return [{ field: 'toAgencyId', message: 'a police concern stays within the police' }];
  }
  const problems: FieldProblem[] = [];
  if (legalBasis === 'consent') {
    if (!request.consentNamed)
      problems.push({ field: 'consentId', message: 'a referral on consent names the consent' });
    else if (!consent) problems.push({ field: 'consentId', message: 'no active consent of this subject with that id' });
    else if (!consent.agencyIds.includes(recipient.id)) {
      problems.push({ field: 'consentId', message: `the consent does not cover ${recipient.name}` });
    }
    return problems;
  }
  if (request.consentNamed)
    problems.push({ field: 'consentId', message: `only a referral on consent names a consent` });
  if (CONSENT_ONLY_RECIPIENTS.includes(recipient.kind)) {
    problems.push({
      field: 'legalBasis',
      message: `${recipient.name} is a partner that receives records on consent only`,
    });
  }
  if (owningAgencyKind === 'health' && recipient.kind !== 'health') {
    problems.push({
      field: 'legalBasis',
      message: 'a health service’s concern leaves health services on consent only',
    });
  }
  return problems;
}

/** The basis a share rests on as the audit trail names it: `consent:<id>`, `statutory_duty` or `vital_interest`. */
export function sharePurpose(referral: { legalBasis: LegalBasis; consentId: string | null }): string {
  return referral.legalBasis === 'consent' ? `consent:${referral.consentId}` : referral.legalBasis;
}
