import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../app/api';

export type Referral = Schemas['ReferralDto'];
export type ReferralStatus = Referral['status'];
export type ReferralOutcome = NonNullable<Referral['outcome']>;
export type LegalBasis = Referral['legalBasis'];
export type Agency = Schemas['AgencyDto'];
export type Consent = Schemas['ConsentDto'];
export type FollowUp = Schemas['FollowUpDto'];

export const referralsKey = ['referrals'] as const;
export const consentsKey = ['consents'] as const;
export const followUpsKey = ['follow-ups'] as const;
export const agenciesKey = ['agencies'] as const;

export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'pending',
  'accepted',
  'declined',
  'in_progress',
  'closed',
];
export const OPEN_STATUSES: readonly ReferralStatus[] = ['pending', 'accepted', 'in_progress'];
export const LEGAL_BASES: readonly LegalBasis[] = ['consent', 'statutory_duty', 'vital_interest'];
/** What a case worker may close with: a consent withdrawn is recorded by withdrawing the consent. */
export const CLOSING_OUTCOMES: readonly ReferralOutcome[] = [
  'completed',
  'no_engagement',
  'transferred',
  'escalated_to_police',
];

export function useReferral(id: string) {
  return useQuery({
    queryKey: [...referralsKey, 'one', id],
    // Opening it is what the receiving agency's receipt records: always asked, never from the cache.
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })),
  });
}

/** Every agency of the directory (names and kinds), for picking a receiving agency or those a consent names. */
export function useAgencies() {
  return useQuery({
    queryKey: agenciesKey,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const all: Agency[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(
          api.GET('/api/v1/agencies', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

export function useConsents(subjectId: string) {
  return useQuery({
    queryKey: [...consentsKey, subjectId],
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/subjects/{id}/consents', { params: { path: { id: subjectId } } })),
  });
}
