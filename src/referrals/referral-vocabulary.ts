export const LEGAL_BASES = ['consent', 'statutory_duty', 'vital_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'in_progress', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_OUTCOMES = [
  'completed',
  'no_engagement',
  'transferred',
  'consent_withdrawn',
  'escalated_to_police',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export type ReferralTransition = 'accept' | 'decline' | 'start' | 'close';

/** The state machine: from which state each transition may be taken, and where it leads. */
export const TRANSITIONS: Record<ReferralTransition, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: ['pending'], to: 'accepted' },
  decline: { from: ['pending'], to: 'declined' },
  start: { from: ['accepted'], to: 'in_progress' },
  close: { from: ['in_progress'], to: 'closed' },
};

/** How each transition reads once done, for messages and notifications. */
export const TRANSITION_DONE: Record<ReferralTransition, string> = {
  accept: 'accepted',
  decline: 'declined',
  start: 'started',
  close: 'closed',
};

/** States in which a referral still shares the concern and can still move. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['pending', 'accepted', 'in_progress'];
