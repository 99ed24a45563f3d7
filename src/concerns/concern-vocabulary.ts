/** The words of a concern, as the design names them. */
export const CONCERN_CATEGORIES = [
  'violent_extremism',
  'hate_crime',
  'gang_crime',
  'online_radicalisation',
  'returnee',
  'mental_health',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const CONCERN_SOURCES = ['professional', 'family', 'friend', 'anonymous_call'] as const;
export type ConcernSource = (typeof CONCERN_SOURCES)[number];

export const RISK_LEVELS = ['low', 'moderate', 'high', 'immediate_danger'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** The risk that routes a concern to the police at once, and holds it open to them while it lasts. */
export const EMERGENCY_RISK_LEVEL: RiskLevel = 'immediate_danger';

export const CLASSIFICATIONS = ['coordination', 'agency_restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const TRIAGE_OUTCOMES = ['guidance_only', 'refer', 'no_further_action'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/**
 * `new` until a coordinator triages it; then the outcome decides. A concern to refer moves
 * with its referrals: referred, accepted, closed. The reporter follows these stages.
 */
export const CONCERN_STATUSES = [
  'new',
  'guidance_only',
  'no_further_action',
  'referral_pending',
  'referred',
  'referral_accepted',
  'closed',
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

export const STATUS_AFTER_TRIAGE: Record<TriageOutcome, ConcernStatus> = {
  guidance_only: 'guidance_only',
  refer: 'referral_pending',
  no_further_action: 'no_further_action',
};
