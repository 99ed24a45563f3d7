import type { Schemas } from '../app/api';

export type Concern = Schemas['ConcernDto'];
export type Category = Concern['category'];
export type RiskLevel = Concern['riskLevel'];
export type Source = NonNullable<Concern['source']>;
export type Status = Concern['status'];
export type Stage = NonNullable<Concern['stage']>;
export type TriageOutcome = Schemas['TriageConcernDto']['outcome'];

export const CATEGORIES: readonly Category[] = [
  'violent_extremism',
  'hate_crime',
  'gang_crime',
  'online_radicalisation',
  'returnee',
  'mental_health',
  'other',
];
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'moderate', 'high', 'immediate_danger'];
export const SOURCES: readonly Source[] = ['professional', 'family', 'friend', 'anonymous_call'];
export const STATUSES: readonly Status[] = [
  'new',
  'guidance_only',
  'no_further_action',
  'referral_pending',
  'referred',
  'referral_accepted',
  'closed',
];
export const TRIAGE_OUTCOMES: readonly TriageOutcome[] = ['guidance_only', 'refer', 'no_further_action'];

/** The roles that log concerns (the API's rule for who may create one). */
export const AUTHOR_ROLES = ['reporter', 'case_worker', 'coordinator'] as const;

export const isAuthor = (roles: readonly string[]) => AUTHOR_ROLES.some((role) => roles.includes(role));
export const isCoordinator = (roles: readonly string[]) => roles.includes('coordinator');

/** How a concern is named on screen: the person's name where the reader may know it, else the pseudonym. */
export function personOf(concern: Pick<Concern, 'pseudonym' | 'subject'>): string {
  return concern.subject?.fullName ?? concern.pseudonym;
}
