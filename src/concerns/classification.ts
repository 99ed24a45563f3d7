import { AgencyKind } from '../agencies/agency-kind';
import { BusinessRuleError } from '../http/domain-errors';
import { Classification } from './concern-vocabulary';

/** Police and health notes stay within their own kind of agency (DESIGN rule 5): they cannot be opened to coordination. */
const RESTRICTED_KINDS: readonly AgencyKind[] = ['police', 'health'];

/** The classification a concern gets: what was asked for, else the agency kind's default. */
export function classificationFor(kind: AgencyKind, requested: Classification | undefined): Classification {
  const restricted = RESTRICTED_KINDS.includes(kind);
  if (restricted && requested === 'coordination') {
    throw new BusinessRuleError(
      'Concerns of police and health agencies stay agency_restricted; share them through a referral',
      'classification-not-allowed',
      [{ field: 'classification', message: `a ${kind} agency's concerns are agency_restricted` }],
    );
  }
  return requested ?? (restricted ? 'agency_restricted' : 'coordination');
}
