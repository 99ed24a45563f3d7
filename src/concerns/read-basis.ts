import { AppAbility } from '../access/ability';
import { Concern } from './concern.entity';
import { readableFields } from '../access/concern-fields';

/**
 * The legal basis a read of this concern rests on, for the audit event's `purpose`: a share's
 * (`consent:<id>`, `statutory_duty`, `vital_interest`) where the shares show the caller more than
 * their own standing would (own agency, reporter, the district's coordinators); else null.
 * Expects the concern's shares attached.
 */
export function readBasis(ability: AppAbility, concern: Concern, agencyId: string): string | null {
  const seen = (shares: { sharedWith?: string[]; vitalInterest?: boolean }) => readableFields(ability, concern, shares);
  const own = seen({ sharedWith: [], vitalInterest: false });
  const adds = (fields: Set<string>) => [...fields].some((field) => !own.has(field));
  if (!adds(seen({}))) return null;
  const agencyBasis = concern.shareBases?.[agencyId];
  if (agencyBasis && adds(seen({ vitalInterest: false }))) return agencyBasis;
  return 'vital_interest';
}
