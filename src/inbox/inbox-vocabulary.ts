/** The inboxes whose last look is kept per user: for now the case worker's referral inbox. */
export const INBOXES = ['referrals'] as const;
export type Inbox = (typeof INBOXES)[number];
