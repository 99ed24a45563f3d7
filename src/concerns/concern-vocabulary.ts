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

/**
 * What a reporter follows of a concern they logged: its stage, derived from its status in this one
 * place. Deciding to refer counts as referred; no further action ends it as closed does.
 */
export const CONCERN_STAGES = ['received', 'guidance_given', 'referred', 'closed'] as const;
export type ConcernStage = (typeof CONCERN_STAGES)[number];

export const STAGE_OF_STATUS: Record<ConcernStatus, ConcernStage> = {
  new: 'received',
  guidance_only: 'guidance_given',
  no_further_action: 'closed',
  referral_pending: 'referred',
  referred: 'referred',
  referral_accepted: 'referred',
  closed: 'closed',
};

/** The untriaged status: the coordinators' intake. */
export const INTAKE_STATUS: ConcernStatus = 'new';

/** The intake order: highest risk first (then oldest first within a risk level). */
export const RISK_LEVELS_HIGHEST_FIRST: readonly RiskLevel[] = [...RISK_LEVELS].reverse();

/** The orders the concerns list offers: newest first, or the intake's highest risk and oldest first. */
export const CONCERN_SORTS = ['newest', 'intake'] as const;
export type ConcernSort = (typeof CONCERN_SORTS)[number];
